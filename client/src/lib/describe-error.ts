// Turns any failure into what a person needs to read: which kind of problem it is (so the UI
// can pick the right state), a short title and the server's own explanation.
import { ApiError } from "./api-client";

export type ErrorKind = "denied" | "policy" | "unauthenticated" | "not-found" | "offline" | "error";

export interface ErrorDescription {
  kind: ErrorKind;
  title: string;
  detail: string;
  /** What to do about it, when we can tell (e.g. which grant to ask for). */
  hint?: string;
}

/** "User does not have READ VOLUME on Volume 'main.demo.uploads'." → the privilege and securable. */
export function missingGrant(message: string): { privilege: string; securable: string } | undefined {
  const match = /does not have ([A-Z][A-Z_ ]*?) on (?:volume|catalog|schema) '([^']+)'/i.exec(message);
  return match ? { privilege: (match[1] as string).toUpperCase(), securable: match[2] as string } : undefined;
}

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ApiError) {
    if (error.status === 401 && error.message.includes("apps run-local")) {
      // Nothing an app owner can enable: that local proxy never forwards a user token.
      return { kind: "unauthenticated", title: "No user token here", detail: error.message };
    }
    if (error.status === 401) {
      return {
        kind: "unauthenticated",
        title: "User authorization is needed",
        detail:
          "This volume runs as you, so the app needs your Databricks token. Ask the app's owner to " +
          "enable user authorization for the app (the files.files scope) and then reopen it. " +
          `(${error.message})`,
      };
    }
    if (error.status === 403 && error.code === "POLICY_DENIED") {
      return { kind: "policy", title: "Not allowed by this app's policy", detail: error.message };
    }
    // User authorization is on, but the app's user_api_scopes lack what this call needs.
    const scope = /does not have required scopes?:\s*([\w.:-]+)/i.exec(error.message)?.[1];
    if (error.status === 403 && scope) {
      return {
        kind: "denied",
        title: "The app may not do this on your behalf",
        detail: error.message,
        hint: `Ask the app's owner to add ${scope} to the app's user authorization scopes (user_api_scopes), redeploy it, and then reopen it.`,
      };
    }
    if (error.status === 403) {
      // Unity Catalog's message names the missing privilege ("User does not have READ VOLUME on …").
      const grant = missingGrant(error.message);
      return {
        kind: "denied",
        title: "You don't have permission",
        detail: error.message,
        ...(grant
          ? { hint: `Ask an owner of ${grant.securable} to grant you ${grant.privilege} in Unity Catalog.` }
          : {}),
      };
    }
    if (error.status === 404) return { kind: "not-found", title: "Not found", detail: error.message };
    return { kind: "error", title: "Something went wrong", detail: error.message };
  }
  if (error instanceof TypeError) {
    return {
      kind: "offline",
      title: "Can't reach the app",
      detail: "The request did not get through. Check your connection and try again.",
    };
  }
  return {
    kind: "error",
    title: "Something went wrong",
    detail: error instanceof Error ? error.message : String(error),
  };
}

/** One line for toasts and the live region. */
export function errorLine(error: unknown): string {
  const d = describeError(error);
  return d.kind === "error" || d.kind === "offline" ? d.detail : `${d.title}: ${d.detail}`;
}

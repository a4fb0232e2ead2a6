// Rules an admin can use without code: who (`users`), what (`actions`), where (`path`,
// `ownFolder`). Each factory validates its arguments eagerly so that a bad expression stops the
// app at startup instead of silently denying (or allowing) at request time.
import {
  ALL_ACTIONS,
  type FileAction,
  isFileAction,
  READ_ACTIONS,
  WRITE_ACTIONS,
} from "../../shared/actions.js";
import { didYouMean } from "../config/did-you-mean.js";
import { withAnatomy } from "./anatomy.js";
import { compileGlob, GlobError } from "./glob.js";
import type { FilePolicy, PolicyUser } from "./types.js";

/** A bad argument to a rule; `argumentIndex` lets the expression parser point at it. */
export class PolicyArgumentError extends Error {
  override name = "PolicyArgumentError";
  constructor(
    message: string,
    readonly argumentIndex?: number,
  ) {
    super(message);
  }
}

// Not "read"/"write": `read` is already an action name, and `actions(read)` must mean just it.
export const ACTION_GROUPS: Readonly<Record<string, readonly FileAction[]>> = {
  "read-actions": READ_ACTIONS,
  "write-actions": WRITE_ACTIONS,
  "all-actions": ALL_ACTIONS,
};

export const ACTION_NAMES: readonly string[] = [...ALL_ACTIONS, ...Object.keys(ACTION_GROUPS)];

/** Expands action names and groups; throws with a did-you-mean on an unknown name. */
export function resolveActions(names: readonly string[]): Set<FileAction> {
  if (names.length === 0) throw new PolicyArgumentError("expects at least one action or action group");
  const resolved = new Set<FileAction>();
  names.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    const group = ACTION_GROUPS[name];
    if (group) for (const action of group) resolved.add(action);
    else if (isFileAction(name)) resolved.add(name);
    else {
      throw new PolicyArgumentError(
        `unknown action "${raw}".${didYouMean(name, ACTION_NAMES) || ` Known: ${ACTION_NAMES.join(", ")}.`}`,
        index,
      );
    }
  });
  return resolved;
}

/** Allows the listed actions (names or groups such as `read-actions`). */
export function actions(...names: string[]): FilePolicy {
  const allowed = resolveActions(names);
  return (action) => allowed.has(action);
}

/** Matches users by email, user name or id, ignoring case. */
export function users(...identities: string[]): FilePolicy {
  if (identities.length === 0) throw new PolicyArgumentError("expects at least one email, user name or id");
  const wanted = new Set<string>();
  identities.forEach((identity, index) => {
    const value = identity.trim().toLowerCase();
    if (value === "") throw new PolicyArgumentError("an empty user", index);
    wanted.add(value);
  });
  const policy: FilePolicy = (_action, _resource, user) =>
    [user.id, user.email, user.userName].some((v) => v !== undefined && wanted.has(v.toLowerCase()));
  return withAnatomy(policy, { users: identities.map((identity) => identity.trim()) });
}

/** Matches resources whose relative path matches any of the globs (`*`, `?`, `**`). */
export function pathGlob(...patterns: string[]): FilePolicy {
  if (patterns.length === 0)
    throw new PolicyArgumentError('expects at least one pattern, e.g. path("reports/**")');
  const globs = patterns.map((pattern, index) => {
    try {
      return compileGlob(pattern);
    } catch (error) {
      if (error instanceof GlobError) throw new PolicyArgumentError(error.message, index);
      throw error;
    }
  });
  const policy: FilePolicy = (_action, resource) =>
    globs.some((glob) => glob.matches(resource.path, resource.isDirectory));
  // "reports/**" points at `reports`; "*.csv" names no folder to point at.
  const places = globs.map((glob) => glob.literalPrefix).filter((prefix) => prefix !== "");
  return withAnatomy(policy, {
    paths: patterns,
    places: () => places.map((path) => ({ path, kind: "path" as const })),
  });
}

const PLACEHOLDERS: Readonly<Record<string, (user: PolicyUser) => string | undefined>> = {
  email: (user) => user.email,
  username: (user) => user.userName,
  id: (user) => user.id,
};
const PLACEHOLDER_NAMES = ["{email}", "{userName}", "{id}"];

type TemplatePart = { literal: string } | { placeholder: (user: PolicyUser) => string | undefined };

function parseFolderTemplate(raw: string): TemplatePart[] {
  const template = raw.normalize("NFC").replace(/\/+$/, "");
  const fail = (why: string): never => {
    throw new PolicyArgumentError(`"${raw}" ${why}`, 0);
  };
  if (template === "") fail('is empty; write a folder such as "users/{email}/"');
  if (template.startsWith("/")) fail('starts with "/": folders are relative to the volume root');
  if (/[*?[\]\\]/.test(template))
    fail('may not contain wildcards or "\\"; own-folder names one folder per user');
  for (const segment of template.split("/")) {
    if (segment === "" || segment === "." || segment === "..") fail('has an empty, "." or ".." segment');
  }
  const parts: TemplatePart[] = [];
  let hasPlaceholder = false;
  for (const piece of template.split(/(\{[^{}]*\})/)) {
    if (piece === "") continue;
    if (piece.startsWith("{") && piece.endsWith("}")) {
      const resolve = PLACEHOLDERS[piece.slice(1, -1).toLowerCase()];
      if (!resolve) fail(`uses an unknown placeholder ${piece}.${didYouMean(piece, PLACEHOLDER_NAMES)}`);
      else parts.push({ placeholder: resolve });
      hasPlaceholder = true;
    } else if (/[{}]/.test(piece)) {
      fail('has an unbalanced "{" or "}"');
    } else {
      parts.push({ literal: piece });
    }
  }
  if (!hasPlaceholder) {
    fail('has no {email}, {userName} or {id} placeholder; for one fixed folder use path("folder/**")');
  }
  return parts;
}

// A value that could climb out of its segment (or name none) must never form a folder.
function isSafeSegmentValue(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
  return value !== "" && value !== "." && value !== ".." && !/[/\\\u0000-\u001f\u007f]/.test(value);
}

/** The caller's folder for a parsed template, or undefined when it names none for them. */
function resolveFolder(parts: readonly TemplatePart[], user: PolicyUser): string | undefined {
  if (user.isServicePrincipal) return undefined;
  let folder = "";
  for (const part of parts) {
    if ("literal" in part) {
      folder += part.literal;
      continue;
    }
    const value = part.placeholder(user)?.normalize("NFC");
    if (value === undefined || !isSafeSegmentValue(value)) return undefined;
    folder += value;
  }
  return folder;
}

/**
 * Allows every action on the caller's own folder and everything below it, e.g.
 * `ownFolder("users/{email}/")`. Service-principal traffic never matches: it has no home.
 */
export function ownFolder(template: string): FilePolicy {
  const parts = parseFolderTemplate(template);
  const policy: FilePolicy = (_action, resource, user) => {
    const folder = resolveFolder(parts, user);
    if (folder === undefined) return false;
    // Compare whole segments: "users/alice@x.com.evil" is not inside "users/alice@x.com".
    if (resource.path === folder) return resource.isDirectory !== false;
    return resource.path.startsWith(`${folder}/`);
  };
  return withAnatomy(policy, {
    places: (user) => {
      const folder = resolveFolder(parts, user);
      return folder === undefined ? [] : [{ path: folder, kind: "own-folder" as const }];
    },
  });
}

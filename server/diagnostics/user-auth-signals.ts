// What requests to on-behalf-of-user volumes have shown about user authorization. The app cannot
// read its own user_api_scopes, so this is the only evidence it has: the Apps proxy forwards no
// x-forwarded-access-token when user authorization is off, and the Files API answers 403
// "...does not have required scopes: files.files" when the token lacks the scope.
import { UpstreamError } from "../databricks/upstream-error.js";
import type { UserCallObserver } from "../volumes/observers.js";

export type UserAuthObservation =
  | "token-missing"
  /** No token, and the headers were `databricks apps run-local`'s, which never forwards one. */
  | "token-missing-run-local"
  | "scope-missing"
  | "token-accepted";

export interface UserAuthEvidence {
  observation: UserAuthObservation;
  /** Epoch ms. */
  at: number;
}

const MISSING_SCOPE = /does not have required scopes?:?\s*.*files\.files/i;

/** Whether a Files API failure says the user's token lacks the files.files scope. */
export function isMissingScopeError(err: unknown): boolean {
  return err instanceof UpstreamError && err.upstreamStatus === 403 && MISSING_SCOPE.test(err.message);
}

/** The latest observation per volume key: noted from the volume service's hooks, read by the diagnostics. */
export class UserAuthSignals {
  private readonly latest = new Map<string, UserAuthEvidence>();

  /** Hooks on the volume service's on-behalf-of-user requests (service.observe(signals.observer)). */
  readonly observer: UserCallObserver = {
    identityResolved: (volume, caller, { exec }) => {
      // No user token: the request failed, or (development) the service principal stood in.
      if (exec?.executedAs === "user") return;
      // run-local never forwards a token: that says nothing about the app's user authorization.
      this.note(volume.key, caller.convention === "run-local" ? "token-missing-run-local" : "token-missing");
    },
    userCallEnded: (volume, err) => this.noteOutcome(volume.key, err),
  };

  note(volumeKey: string, observation: UserAuthObservation, at = Date.now()): void {
    this.latest.set(volumeKey, { observation, at });
  }

  /** Notes what an on-behalf-of-user call's outcome says: success, a scope 403, or nothing. */
  noteOutcome(volumeKey: string, err?: unknown): void {
    if (err === undefined) this.note(volumeKey, "token-accepted");
    else if (isMissingScopeError(err)) this.note(volumeKey, "scope-missing");
  }

  get(volumeKey: string): UserAuthEvidence | undefined {
    return this.latest.get(volumeKey);
  }
}

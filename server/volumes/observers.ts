// Hooks on how the volume service runs on-behalf-of-user requests, for whoever wants to learn
// from them (the diagnostics register one: diagnostics/user-auth-signals.ts). The service calls
// them and knows nothing of what they conclude.
import type { VolumeConfig } from "../config/types.js";
import type { Caller } from "../identity/caller.js";
import type { Execution } from "../identity/execution.js";

export interface UserCallObserver {
  /**
   * A request to an on-behalf-of-user volume found who runs it: `exec` (maybe the service
   * principal standing in, in development), or `error` when nobody can.
   */
  identityResolved?(
    volume: VolumeConfig,
    caller: Caller,
    outcome: { exec?: Execution; error?: unknown },
  ): void;
  /** A Files API call made with a user's token ended: `err` undefined on success. */
  userCallEnded?(volume: VolumeConfig, err?: unknown): void;
}

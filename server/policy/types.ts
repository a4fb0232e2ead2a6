// The policy contract, signature-compatible with AppKit's `FilePolicy(action, resource, user)` so a
// policy written for AppKit can be registered here unchanged.
import type { FileAction } from "../../shared/actions.js";

export type { FileAction };

export interface PolicyUser {
  /** `x-forwarded-user` for end users; the service principal's id for SP traffic. */
  id: string;
  email?: string;
  userName?: string;
  /** True when the call runs as the app's service principal with no end user behind it. */
  isServicePrincipal: boolean;
}

export interface PolicyResource {
  /** The volume key, e.g. `uploads`. */
  volume: string;
  /** Relative to the volume root: `''` for the root, never a leading slash, already validated. */
  path: string;
  /** When known: lets `path("reports/**")` match the `reports` folder but not a file so named. */
  isDirectory?: boolean;
}

export type FilePolicy = (
  action: FileAction,
  resource: PolicyResource,
  user: PolicyUser,
) => boolean | Promise<boolean>;

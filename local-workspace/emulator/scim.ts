// GET /api/2.0/preview/scim/v2/Me: who the token belongs to (`w.currentUser.me()`).
import type { ServerResponse } from "node:http";
import { sendJson } from "./errors.js";
import type { Principal } from "./principal-store.js";

/**
 * Databricks answers with the workspace id in this header. Clients learn the id from it: AppKit's
 * ServiceContext (unless DATABRICKS_WORKSPACE_ID is set it refuses to start without it) and the
 * Python SDK's `w.get_workspace_id()` both call SCIM Me just for this header.
 */
export const ORG_ID_HEADER = "x-databricks-org-id";

const USER_SCHEMAS = [
  "urn:ietf:params:scim:schemas:core:2.0:User",
  "urn:ietf:params:scim:schemas:extension:workspace:2.0:User",
];

export function meDocument(principal: Principal): Record<string, unknown> {
  if (principal.kind === "user") {
    const { user } = principal;
    return {
      id: user.id,
      userName: user.userName,
      displayName: user.displayName,
      emails: [{ value: user.userName, primary: true, type: "work" }],
      active: true,
      schemas: USER_SCHEMAS,
    };
  }
  const { sp } = principal;
  // A service principal answers /Me with its application id as userName and no email.
  return {
    id: sp.id,
    userName: sp.applicationId,
    applicationId: sp.applicationId,
    displayName: sp.displayName,
    active: true,
    schemas: USER_SCHEMAS,
  };
}

export function sendMe(res: ServerResponse, principal: Principal, workspaceId: string): void {
  sendJson(res, 200, meDocument(principal), { [ORG_ID_HEADER]: workspaceId });
}

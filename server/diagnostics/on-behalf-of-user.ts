// An on-behalf-of-user volume is read and written with each user's own token, so the service
// principal's grants don't decide anything there. What can still be checked: that the volume
// exists (when the SP may see it), and whether user authorization carries files.files — known
// only when the caller passes the app's user_api_scopes, or from what user requests have shown.
import { CREDENTIALS_FIX, missingVolumeFixes, USER_SCOPE_FIX } from "./fixes.js";
import { CheckOutcome, type VolumeCheckContext } from "./outcome.js";
import { probe } from "./probe.js";

export const FILES_SCOPE = "files.files";

const UNKNOWN_SCOPE =
  "cannot be checked from inside the app (it sees its scopes only through the tokens users bring). " +
  `If users get 401 "user authorization is not enabled" or 403 "does not have required scopes: ${FILES_SCOPE}", ` +
  `add ${FILES_SCOPE} to user_api_scopes`;

function userScopeCheck(context: VolumeCheckContext, out: CheckOutcome): void {
  const { userApiScopes, userAuthSignals } = context.options;
  if (userApiScopes !== undefined) {
    if (userApiScopes.includes(FILES_SCOPE))
      out.add("user-scope", true, `${FILES_SCOPE} is in user_api_scopes`);
    else {
      out.add(
        "user-scope",
        false,
        `user_api_scopes lacks ${FILES_SCOPE}: users' tokens cannot call the Files API`,
        "error",
        [USER_SCOPE_FIX],
      );
    }
    return;
  }
  const evidence = userAuthSignals?.get(context.volume.key);
  const when = evidence ? new Date(evidence.at).toISOString() : "";
  switch (evidence?.observation) {
    case "token-missing":
      out.add(
        "user-scope",
        false,
        `a request at ${when} arrived without a user access token: user authorization is not enabled for the app`,
        "error",
        [USER_SCOPE_FIX],
      );
      return;
    case "token-missing-run-local":
      out.add(
        "user-scope",
        null,
        `a request at ${when} came through \`databricks apps run-local\`, which forwards no user access token, ` +
          "so this volume cannot be used that way; deployed behind the Apps proxy it gets the user's token",
        "warning",
      );
      return;
    case "scope-missing":
      out.add(
        "user-scope",
        false,
        `at ${when} the Files API refused a user's token: it does not have the required scope ${FILES_SCOPE}`,
        "error",
        [USER_SCOPE_FIX],
      );
      return;
    case "token-accepted":
      out.add("user-scope", true, `a user's token was accepted by the Files API at ${when}`);
      return;
    default:
      out.add("user-scope", null, UNKNOWN_SCOPE);
  }
}

export async function checkOnBehalfOfUserVolume(context: VolumeCheckContext): Promise<CheckOutcome> {
  const { volume, allowsWrites, options, timeoutMs } = context;
  const out = new CheckOutcome();
  const [catalog = "", schema = ""] = volume.fullName.split(".");

  const exists = await probe(
    (s) => options.spFiles.directoryExists(volume.path, { signal: s }),
    timeoutMs,
    options.signal,
  );
  if (exists.ok && exists.value)
    out.add("exists", true, `${volume.path} exists (seen by the service principal)`);
  else if (exists.ok) {
    out.add(
      "exists",
      false,
      `${volume.path} does not exist (404)`,
      "error",
      missingVolumeFixes(volume.fullName, volume.key),
    );
  } else if (exists.failure === "denied") {
    out.add(
      "exists",
      null,
      "cannot tell: the service principal may not read it, which is fine here because data access runs as each user",
    );
  } else if (exists.failure === "unauthenticated") {
    out.add("exists", null, `could not check: ${exists.message}`, "warning", [CREDENTIALS_FIX]);
  } else {
    out.add("exists", null, `could not check: ${exists.message}`, "warning");
  }

  out.add(
    "readable",
    null,
    `runs as each user: the service principal's grants don't apply; each user needs USE CATALOG on ${catalog}, ` +
      `USE SCHEMA on ${catalog}.${schema} and READ VOLUME on ${volume.fullName}`,
  );
  out.add(
    "writable",
    null,
    allowsWrites
      ? `runs as each user: writing also needs WRITE VOLUME on ${volume.fullName} for that user`
      : "not needed: the policy allows no writes",
  );
  userScopeCheck(context, out);
  return out;
}

// A service-principal volume works only with the SP's own grants, so each check here is the real
// thing: HEAD the root (exists), list one entry (readable), and, where the policy allows writes,
// an idempotent mkdir of the root (writable). That mkdir needs WRITE VOLUME like any write but
// creates nothing, so the probe leaves no trace in the volume.
import { CREDENTIALS_FIX, grantFixes, missingVolumeFixes, readOnlyAlternative } from "./fixes.js";
import { CheckOutcome, type VolumeCheckContext } from "./outcome.js";
import { type ProbeResult, probe } from "./probe.js";

const AS_SP = "as the app's service principal";

export async function checkServicePrincipalVolume(context: VolumeCheckContext): Promise<CheckOutcome> {
  const { volume, allowsWrites, options, timeoutMs } = context;
  const { spFiles: files, spIdentity: sp, signal } = options;
  const out = new CheckOutcome();
  const root = volume.path;
  const missing = () => missingVolumeFixes(volume.fullName, volume.key);
  const skipRest = (why: string) => {
    out.add("readable", null, `not checked: ${why}`);
    out.add("writable", null, `not checked: ${why}`);
  };
  const unchecked = (result: ProbeResult<unknown>) => `could not check: ${result.ok ? "" : result.message}`;

  const exists = await probe((s) => files.directoryExists(root, { signal: s }), timeoutMs, signal);
  if (exists.ok && exists.value) out.add("exists", true, `${root} exists`);
  else if (exists.ok) {
    out.add("exists", false, `${root} does not exist (404)`, "error", missing());
    skipRest("the volume does not exist");
    return out;
  } else if (exists.failure === "unauthenticated") {
    out.add(
      "exists",
      false,
      `the service principal's credentials were rejected: ${exists.message}`,
      "error",
      [CREDENTIALS_FIX],
    );
    skipRest("the credentials were rejected");
    return out;
  } else if (exists.failure === "denied") {
    out.add("exists", null, "cannot tell: Unity Catalog denied the service principal (see readable)");
  } else {
    out.add("exists", null, unchecked(exists), "warning");
  }

  const read = await probe((s) => files.listPage(root, { pageSize: 1, signal: s }), timeoutMs, signal);
  const privileges = allowsWrites ? (["READ VOLUME", "WRITE VOLUME"] as const) : (["READ VOLUME"] as const);
  if (read.ok) out.add("readable", true, `listing works ${AS_SP}`);
  else if (read.failure === "denied") {
    out.add("readable", false, `Unity Catalog refused to list it ${AS_SP}: ${read.message}`, "error", [
      ...grantFixes(volume.fullName, privileges, sp),
    ]);
  } else if (read.failure === "missing") {
    out.add("readable", false, `${root} does not exist (404)`, "error", missing());
  } else if (read.failure === "unauthenticated") {
    out.add("readable", false, `the credentials were rejected: ${read.message}`, "error", [CREDENTIALS_FIX]);
  } else {
    out.add("readable", null, unchecked(read), "warning");
  }

  if (!allowsWrites) {
    out.add("writable", null, "not needed: the policy allows no writes, so READ VOLUME is enough");
    return out;
  }
  if (!read.ok && read.failure !== "timeout" && read.failure !== "other") {
    out.add(
      "writable",
      null,
      "not checked: reading already fails (writes need READ VOLUME and WRITE VOLUME)",
    );
    return out;
  }
  const write = await probe((s) => files.createDirectory(root, { signal: s }), timeoutMs, signal);
  if (write.ok)
    out.add("writable", true, `writes are allowed ${AS_SP} (idempotent mkdir of the volume root)`);
  else if (write.failure === "denied") {
    out.add(
      "writable",
      false,
      `the policy allows writes, but Unity Catalog refused a write ${AS_SP}: ${write.message} ` +
        "Uploads, new folders, moves and deletes will fail with 403.",
      "warning",
      [...grantFixes(volume.fullName, ["WRITE VOLUME"], sp), readOnlyAlternative(volume.key)],
    );
  } else {
    out.add("writable", null, unchecked(write), "warning");
  }
  return out;
}

// Whether a volume's policy lets anyone write, which decides whether the service principal needs
// WRITE VOLUME. A policy is a function of (action, path, user), so "anyone" cannot be enumerated;
// instead the policy is asked about write actions for sample users and paths, including the users,
// paths and own folders it names itself (its anatomy, policy/anatomy.ts). Built-in rules are judged exactly this
// way; a custom TypeScript policy that grants writes only to people its expression doesn't name
// is judged read-only.
import { WRITE_ACTIONS } from "../../shared/actions.js";
import { type PolicyAnatomy, policyAnatomy } from "../policy/anatomy.js";
import type { FilePolicy, PolicyUser } from "../policy/types.js";

const PROBE_NAME = "diagnostics-probe@example.invalid";

/** A concrete path inside a glob: every wildcard becomes a plain name. */
const sampleOf = (glob: string) =>
  glob.replace(/\*\*/g, "probe").replace(/\*/g, "probe").replace(/\?/g, "p").replace(/\/+$/, "");

function probeUsers(found: PolicyAnatomy): PolicyUser[] {
  const people: PolicyUser[] = [PROBE_NAME, ...found.users].map((name) => ({
    id: name,
    email: name,
    userName: name,
    isServicePrincipal: false,
  }));
  return [...people, { id: "service-principal", isServicePrincipal: true }];
}

function probePaths(found: PolicyAnatomy, user: PolicyUser): string[] {
  const paths = new Set(["", "diagnostics-probe.txt"]);
  for (const glob of found.paths) {
    const sample = sampleOf(glob);
    paths.add(sample);
    paths.add(sample === "" ? "probe.txt" : `${sample}/probe.txt`);
  }
  // The user's own folder, and any folder a rule points at, as the policy itself tells.
  for (const { path } of found.places(user)) {
    paths.add(path);
    paths.add(`${path}/probe.txt`);
  }
  return [...paths];
}

/** True when some sample user may upload, mkdir, delete or move somewhere in the volume. */
export async function policyAllowsWrites(volume: { key: string; policy: FilePolicy }): Promise<boolean> {
  const found = policyAnatomy(volume.policy);
  for (const user of probeUsers(found)) {
    for (const path of probePaths(found, user)) {
      for (const isDirectory of [true, false]) {
        for (const action of WRITE_ACTIONS) {
          if (await volume.policy(action, { volume: volume.key, path, isDirectory }, user)) return true;
        }
      }
    }
  }
  return false;
}

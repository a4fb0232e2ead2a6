// Whether a volume's policy lets anyone write, which decides whether the service principal needs
// WRITE VOLUME. A policy is a function of (action, path, user), so "anyone" cannot be enumerated;
// instead the policy is asked about write actions for sample users and paths, including the users,
// paths and own-folder templates its own expression names. Built-in rules are judged exactly this
// way; a custom TypeScript policy that grants writes only to people its expression doesn't name
// is judged read-only.
import { WRITE_ACTIONS } from "../../shared/actions.js";
import { type ExpressionNode, parseExpression } from "../policy/parse.js";
import type { FilePolicy, PolicyUser } from "../policy/types.js";

const PROBE_NAME = "diagnostics-probe@example.invalid";

interface Mentions {
  users: string[];
  globs: string[];
  folders: string[];
}

function collect(node: ExpressionNode, into: Mentions): void {
  if (node.kind !== "call") return;
  const values = node.args.flatMap((arg) =>
    arg.kind === "string" ? [arg.value] : arg.kind === "word" ? [arg.text] : [],
  );
  const name = node.name.toLowerCase();
  if (name === "users") into.users.push(...values);
  else if (name === "path") into.globs.push(...values);
  else if (name === "own-folder") into.folders.push(...values);
  for (const arg of node.args) collect(arg, into);
}

function mentions(expression: string): Mentions {
  const found: Mentions = { users: [], globs: [], folders: [] };
  try {
    collect(parseExpression(expression), found);
  } catch {
    // A registered policy's canonical text always parses; if not, the generic probes still apply.
  }
  return found;
}

/** A concrete path inside a glob: every wildcard becomes a plain name. */
const sampleOf = (glob: string) =>
  glob.replace(/\*\*/g, "probe").replace(/\*/g, "probe").replace(/\?/g, "p").replace(/\/+$/, "");

function folderFor(template: string, user: PolicyUser): string | undefined {
  let missing = false;
  const folder = template.replace(/\{(email|username|id)\}/gi, (_all, name: string) => {
    const value = { email: user.email, username: user.userName, id: user.id }[name.toLowerCase()];
    if (value === undefined) missing = true;
    return value ?? "";
  });
  return missing ? undefined : folder.replace(/\/+$/, "");
}

function probeUsers(found: Mentions): PolicyUser[] {
  const people: PolicyUser[] = [PROBE_NAME, ...found.users].map((name) => ({
    id: name,
    email: name,
    userName: name,
    isServicePrincipal: false,
  }));
  return [...people, { id: "service-principal", isServicePrincipal: true }];
}

function probePaths(found: Mentions, user: PolicyUser): string[] {
  const paths = new Set(["", "diagnostics-probe.txt"]);
  for (const glob of found.globs) {
    const sample = sampleOf(glob);
    paths.add(sample);
    paths.add(sample === "" ? "probe.txt" : `${sample}/probe.txt`);
  }
  for (const template of found.folders) {
    const folder = folderFor(template, user);
    if (folder === undefined) continue;
    paths.add(folder);
    paths.add(`${folder}/probe.txt`);
  }
  return [...paths];
}

/** True when some sample user may upload, mkdir, delete or move somewhere in the volume. */
export async function policyAllowsWrites(volume: {
  key: string;
  policy: FilePolicy;
  policyExpression: string;
}): Promise<boolean> {
  const found = mentions(volume.policyExpression);
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

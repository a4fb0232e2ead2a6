import { spawn } from "node:child_process";
import path from "node:path";
import { cannon, FOLDER, makeListFolder } from "./lists.js";
import { startBenchWorkspace } from "./workspace.js";

const ws = await startBenchWorkspace({
  env: { LOCAL_WORKSPACE_RATE_LIMIT: "off", FILES_UPSTREAM_RATE_LIMIT: "off" },
});
try {
  for (const key of ["shared"]) await makeListFolder(path.join(ws.volumeDir(key), FOLDER));
  const v = await ws.startVariant({ FILES_CACHE_TTL: "0" });
  const t = v.app.direct("alice");
  const e = ws.emulator("sp");
  const cases = {
    app: [`${t.base}/api/files/shared/list?path=${FOLDER}`, t.headers],
    direct: [`${ws.info.emulatorUrl}/api/2.0/fs/directories${ws.volumePath("shared")}/${FOLDER}`, e.headers],
  } as const;
  for (const [, [u, h]] of Object.entries(cases)) await cannon(u, h, 1, 1);
  for (const [name, [u, h]] of Object.entries(cases)) {
    const st = spawn("strace", ["-c", "-f", "-p", String(process.pid), "-o", `/tmp/exp/strace-${name}.txt`], {
      stdio: "ignore",
    });
    await new Promise((r) => setTimeout(r, 500));
    const run = await cannon(u, h, 50, 4);
    st.kill("SIGINT");
    await new Promise((r) => st.on("exit", r));
    console.log(name, Math.round(run.rps * 4), "requests");
  }
  await v.close();
} finally {
  await ws.close();
}

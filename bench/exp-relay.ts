import { spawn } from "node:child_process";
import path from "node:path";
import { cannon, FOLDER, makeListFolder } from "./lists.js";
import { readCpuMs } from "./process-stats.js";
import { startBenchWorkspace } from "./workspace.js";

const ws = await startBenchWorkspace({
  env: { LOCAL_WORKSPACE_RATE_LIMIT: "off", FILES_UPSTREAM_RATE_LIMIT: "off" },
});
try {
  await makeListFolder(path.join(ws.volumeDir("shared"), FOLDER));
  const v = await ws.startVariant({ FILES_CACHE_TTL: "0" });
  const t = v.app.direct("alice");
  const e = ws.emulator("sp");
  const direct = `${ws.info.emulatorUrl}/api/2.0/fs/directories${ws.volumePath("shared")}/${FOLDER}`;
  const relay = spawn(
    process.execPath,
    ["bench/exp-relay-server.mjs", "18999", direct, ws.info.servicePrincipal.token],
    { stdio: "inherit" },
  );
  await new Promise((r) => setTimeout(r, 1000));
  const cases = {
    app: [`${t.base}/api/files/shared/list?path=${FOLDER}`, t.headers, v.app.process.pid],
    relay: ["http://127.0.0.1:18999/", {}, relay.pid],
    direct: [direct, e.headers, 0],
  } as const;
  for (const [, [u, h]] of Object.entries(cases)) await cannon(u, h, 1, 1);
  for (let r = 0; r < 3; r++)
    for (const [name, [u, h, pid]] of Object.entries(cases)) {
      const a0 = pid ? readCpuMs(pid) : 0;
      const run = await cannon(u, h, 50, 4);
      const a = pid ? readCpuMs(pid) - a0 : 0;
      console.log(name, Math.round(run.rps), "rps; hop cpu ms/req", (a / (run.rps * 4)).toFixed(3));
    }
  relay.kill();
  await v.close();
} finally {
  await ws.close();
}

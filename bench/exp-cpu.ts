import path from "node:path";
import { cannon, FOLDER, makeListFolder } from "./lists.js";
import { readCpuMs } from "./process-stats.js";
import { startBenchWorkspace } from "./workspace.js";

const ws = await startBenchWorkspace({
  env: { LOCAL_WORKSPACE_RATE_LIMIT: "off", FILES_UPSTREAM_RATE_LIMIT: "off" },
});
try {
  for (const key of ["shared", "uploads"]) await makeListFolder(path.join(ws.volumeDir(key), FOLDER));
  const v = await ws.startVariant({ FILES_CACHE_TTL: "0" });
  const t = v.app.direct("alice");
  const e = ws.emulator("sp");
  const cases = {
    app: [`${t.base}/api/files/shared/list?path=${FOLDER}`, t.headers],
    obo: [`${t.base}/api/files/uploads/list?path=${FOLDER}`, t.headers],
    direct: [`${ws.info.emulatorUrl}/api/2.0/fs/directories${ws.volumePath("shared")}/${FOLDER}`, e.headers],
  } as const;
  for (const [, [u, h]] of Object.entries(cases)) await cannon(u, h, 1, 1);
  for (let r = 0; r < 2; r++)
    for (const [name, [u, h]] of Object.entries(cases)) {
      const a0 = readCpuMs(v.app.process.pid),
        b0 = process.cpuUsage();
      const run = await cannon(u, h, 50, 4);
      const a = readCpuMs(v.app.process.pid) - a0;
      const bu = process.cpuUsage(b0);
      const n = run.rps * 4;
      console.log(
        name,
        Math.round(run.rps),
        "rps; app cpu ms/req",
        (a / n).toFixed(3),
        "bench ms/req",
        ((bu.user + bu.system) / 1000 / n).toFixed(3),
        "bench user/sys",
        (bu.user / 1000 / n).toFixed(3),
        (bu.system / 1000 / n).toFixed(3),
      );
    }
  await v.close();
} finally {
  await ws.close();
}

// `npm run dev` entry: the local workspace with the app running from sources under tsx watch.
import { runLocalWorkspace } from "./cli.js";

await runLocalWorkspace({ watch: true });

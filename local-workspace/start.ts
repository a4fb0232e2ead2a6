// `npm start` without a Databricks workspace (scripts/start.mjs): the whole product on the local
// workspace — emulator, app and Apps proxy. It runs from sources through tsx (a dev dependency):
// the local workspace is a development tool and never part of the deployed app's build.
import { runLocalWorkspace } from "./cli.js";

await runLocalWorkspace();

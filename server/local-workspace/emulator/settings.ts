// The local workspace's emulator settings from the environment (`npm start`, e2e, benches):
// LOCAL_WORKSPACE_RATE_LIMIT (`off` or `<concurrent>,<per second>`, default 10,100) and
// LOCAL_WORKSPACE_CLOUD (aws, azure or gcp; default aws).
import { type Cloud, parseCloud } from "./cloud.js";
import { parseRateLimit, type RateLimit } from "./rate-limit.js";

export interface EmulatorSettings {
  rateLimit: RateLimit | false;
  cloud: Cloud;
}

/** Throws one message naming the variable when a value is malformed. */
export function emulatorSettingsFromEnv(env: Record<string, string | undefined>): EmulatorSettings {
  return {
    rateLimit: parseRateLimit(env.LOCAL_WORKSPACE_RATE_LIMIT),
    cloud: parseCloud(env.LOCAL_WORKSPACE_CLOUD),
  };
}

// The local workspace's emulator settings from the environment (`npm start`, e2e, benches):
// LOCAL_WORKSPACE_RATE_LIMIT (`off` or `<concurrent>,<per second>`, default 10,100) and
// LOCAL_WORKSPACE_CLOUD (aws, azure or gcp; default aws) and LOCAL_WORKSPACE_UPLOADS (multipart,
// resumable or none; default: the cloud's own protocol).
import { type Cloud, parseCloud } from "./cloud.js";
import { parseRateLimit, type RateLimit } from "./rate-limit.js";
import { parseUploadMode, type UploadMode } from "./upload-sessions.js";

export interface EmulatorSettings {
  rateLimit: RateLimit | false;
  cloud: Cloud;
  /** Absent: the cloud's own (multipart on aws/azure, resumable on gcp). */
  uploads?: UploadMode;
}

/** Throws one message naming the variable when a value is malformed. */
export function emulatorSettingsFromEnv(env: Record<string, string | undefined>): EmulatorSettings {
  return {
    rateLimit: parseRateLimit(env.LOCAL_WORKSPACE_RATE_LIMIT),
    cloud: parseCloud(env.LOCAL_WORKSPACE_CLOUD),
    uploads: parseUploadMode(env.LOCAL_WORKSPACE_UPLOADS),
  };
}

// The config module's public surface.
export { isScriptCapableMimeType, parseContentTypes } from "./content-types.js";
export { closestMatch, didYouMean, editDistance } from "./did-you-mean.js";
export { formatDuration, parseDuration } from "./durations.js";
export { ConfigError, type ConfigProblem } from "./errors.js";
export { type ParseConfigOptions, parseConfig } from "./parse-config.js";
export type { AppConfig, CacheConfig, UploadsConfig, UpstreamConfig, VolumeConfig } from "./types.js";
export { FILES_API_MAX_UPLOAD } from "./values.js";
export { CONFIG_VARIABLES, type ConfigVariable } from "./variables.js";
export { normaliseVolumePath } from "./volumes.js";

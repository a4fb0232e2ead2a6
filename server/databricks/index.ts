// The Files API client's public surface.
export { createServicePrincipalConfig, createUserConfig } from "./configs.js";
export { type CurrentUser, createCurrentServicePrincipal, fetchCurrentUser } from "./current-user.js";
export {
  type CallOptions,
  createFilesClient,
  DEFAULT_TIMEOUT_MS,
  type DirectoryEntry,
  type DownloadResponse,
  type FileMetadata,
  type FilesClient,
  type FilesClientOptions,
  type ListPage,
} from "./files-client.js";
export { type ListAllOptions, listAll } from "./list.js";
export { filesApiPathname, volumePathSegments } from "./paths.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry.js";
export { sharedDispatcher, type UpstreamRequestInfo } from "./transport.js";
export { UpstreamError } from "./upstream-error.js";

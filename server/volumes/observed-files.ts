// Wraps a user's Files client so every call's outcome becomes evidence for the diagnostics:
// a success proves user authorization works, a "missing scope" 403 proves files.files is not
// in user_api_scopes. The app cannot read its own scopes, so this is how it finds out.
import type { FilesClient } from "../databricks/types.js";

export function observedFiles(files: FilesClient, observe: (err?: unknown) => void): FilesClient {
  const wrap =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args);
        observe();
        return result;
      } catch (err) {
        observe(err);
        throw err;
      }
    };
  return {
    // The same identity, so the same pacer: a copy through this client holds its slots there.
    get pacer() {
      return files.pacer;
    },
    // Large-upload calls are not evidence about the files.files scope the diagnostics look for.
    largeUploads: files.largeUploads,
    listPage: wrap(files.listPage.bind(files)),
    getMetadata: wrap(files.getMetadata.bind(files)),
    directoryExists: wrap(files.directoryExists.bind(files)),
    download: wrap(files.download.bind(files)),
    upload: wrap(files.upload.bind(files)),
    createDirectory: wrap(files.createDirectory.bind(files)),
    deleteFile: wrap(files.deleteFile.bind(files)),
    deleteDirectory: wrap(files.deleteDirectory.bind(files)),
  };
}

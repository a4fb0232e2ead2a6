import { createServer } from "node:net";

/**
 * Asks the OS for a free loopback port. The app must be told its port up front
 * (DATABRICKS_APP_PORT, as Databricks Apps does), so it cannot simply listen on port 0.
 */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

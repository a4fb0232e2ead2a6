// The transfer client as its own process (forked by RemoteTransfers): the emulator and the Apps
// proxy already share the benchmark's event loop, and a client on that same loop would slow the
// path with more hops in it more than the direct one.
import { type TransferResult, timedDownload, timedUpload } from "./transfer-client.js";

export type TransferRequest =
  | {
      id: number;
      kind: "upload";
      url: string;
      method: "PUT" | "POST";
      headers: Record<string, string>;
      size: number;
    }
  | { id: number; kind: "download"; url: string; headers: Record<string, string> };

export type TransferReply = { id: number; result: TransferResult } | { id: number; error: string };

process.on("message", (message: TransferRequest) => {
  const run =
    message.kind === "upload"
      ? timedUpload(message.url, message.method, message.headers, message.size)
      : timedDownload(message.url, message.headers);
  run.then(
    (result) => process.send?.({ id: message.id, result } satisfies TransferReply),
    (err: unknown) =>
      process.send?.({ id: message.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on("disconnect", () => process.exit(0));

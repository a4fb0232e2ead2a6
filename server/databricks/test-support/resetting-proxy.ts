// A TCP proxy in front of the emulator that resets the first N connections before any byte of a
// response: the "connection reset" a retry policy must survive, on a real socket.
import net from "node:net";

export interface ResettingProxy {
  url: string;
  /** Connections reset so far. */
  resets(): number;
  close(): Promise<void>;
}

export async function startResettingProxy(targetUrl: string, resetFirst: number): Promise<ResettingProxy> {
  const target = new URL(targetUrl);
  let reset = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => {});
    if (reset < resetFirst) {
      reset++;
      // Wait for the request to arrive so the client sees a reset mid-request, not a refused connect.
      client.once("data", () => client.resetAndDestroy());
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    resets: () => reset,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

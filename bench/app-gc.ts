// A full garbage collection in the app process, through the inspector (the soak starts the app
// with --inspect on a loopback port). Under load, RSS follows a saw-tooth set by when V8 next
// runs a major GC (the soak saw 160 → 240 → 160 MB); comparing RSS right after a forced GC, at
// the end of warm-up and at the end, measures what the app retains, not where the tooth is.
import { request, WebSocket } from "undici";

export async function collectGarbage(inspectPort: number): Promise<void> {
  const res = await request(`http://127.0.0.1:${inspectPort}/json/list`);
  const targets = (await res.body.json()) as Array<{ webSocketDebuggerUrl?: string }>;
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error("the app's inspector lists no target");
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error("cannot connect to the app's inspector"));
  });
  try {
    // Twice: objects freed by the first collection's finalizers go in the second.
    for (const id of [1, 2]) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the app did not collect garbage in 30 s")), 30_000);
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { id?: number };
          if (message.id !== id) return;
          clearTimeout(timer);
          resolve();
        };
        socket.send(JSON.stringify({ id, method: "HeapProfiler.collectGarbage" }));
      });
    }
  } finally {
    socket.close();
  }
}

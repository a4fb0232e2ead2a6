import http from "node:http";
import { Agent, request } from "undici";

const [port, upstream, token] = process.argv.slice(2);
const agent = new Agent({ keepAliveTimeout: 10_000 });
http
  .createServer(async (req, res) => {
    const r = await request(upstream, { headers: { authorization: `Bearer ${token}` }, dispatcher: agent });
    const text = await r.body.text();
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  })
  .listen(Number(port), "127.0.0.1", () => console.log("relay up"));

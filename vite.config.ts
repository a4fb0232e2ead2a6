import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** `@/…` is client/src, `@shared/…` the code the server shares (client/tsconfig.json says the same). */
export const CLIENT_ALIASES = {
  "@/": fileURLToPath(new URL("./client/src/", import.meta.url)),
  "@shared/": fileURLToPath(new URL("./shared/", import.meta.url)),
};

// The SPA is built into dist/client and served by the Fastify app (same origin as the API).
export default defineConfig({
  root: "client",
  plugins: [react()],
  resolve: { alias: CLIENT_ALIASES },
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npm run dev` serves the SPA from Vite and sends API calls to the local Apps proxy.
    proxy: { "/api": "http://127.0.0.1:8000", "/.proxy": "http://127.0.0.1:8000" },
  },
});

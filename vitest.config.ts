import { defineConfig } from "vitest/config";
import { CLIENT_ALIASES } from "./vite.config";

export default defineConfig({
  resolve: { alias: CLIENT_ALIASES },
  test: {
    include: [
      "server/**/*.test.ts",
      "local-workspace/**/*.test.ts",
      "shared/**/*.test.ts",
      "client/src/**/*.test.{ts,tsx}",
      "scripts/**/*.test.ts",
      "deploy/**/*.test.ts",
    ],
    // Integration tests start real servers on loopback; give slow shared machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    maxWorkers: 2,
  },
});

/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// base './' keeps every URL relative, so dist/ works from any static host sub-path.
export default defineConfig({
  base: "./",
  plugins: [react()],
  worker: { format: "es" },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: {
    headers: {
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
    },
  },
  // Vitest empties CSS by default; the colour guard (src/theme/colours.test.ts) reads the
  // sheets' text through `?raw`, so that one form is let through.
  test: { css: { include: [/\.css\?raw$/] } },
});

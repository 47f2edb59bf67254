/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";

// base './' keeps every URL relative, so dist/ works from any static host sub-path.
export default defineConfig({
  base: "./",
  plugins: [
    react(),
    // The service worker precaches the whole built site, Pyodide and the engine wheel
    // included, so that everything works offline after one visit (see docs/performance.md).
    // "prompt": a new deployment waits until the person presses Reload, so one page never
    // mixes files of two builds; src/offline/register.ts registers it and says so.
    VitePWA({
      registerType: "prompt",
      includeManifestIcons: false,
      injectRegister: false,
      filename: "sw.js",
      manifest: {
        name: "Autograd playground",
        short_name: "Autograd",
        description: "Build graphs, press Backward and see PyTorch-style gradients.",
        start_url: "./",
        scope: "./",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#ee4c2c",
        icons: [
          { src: "icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
          { src: "icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        // KaTeX's fonts: woff2 only, which every browser that runs service workers picks first.
        globPatterns: ["**/*.{html,js,mjs,css,wasm,zip,whl,json,svg,png,webmanifest,woff2,bin}"],
        // pyodide.asm.wasm is about 10 MB.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        // Names that already carry their content's hash need no revision: vite's assets and
        // the engine wheel's digest folder. Everything else (pyodide/, index.json) is
        // revisioned by content, so a changed file is fetched again and only then.
        dontCacheBustURLsMatching: /^(assets\/|wheels\/[0-9a-f]{12}\/)/,
        cleanupOutdatedCaches: true,
        clientsClaim: false,
        skipWaiting: false,
        navigateFallback: "index.html",
      },
    }),
  ],
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

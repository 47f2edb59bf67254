/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";

// The engine's worker, started by a line in index.html's <head>, before the browser has even
// fetched the page's bundle (about 1 MB of script to parse and run before main.tsx could start
// it): Python's start is most of a cold start (docs/performance.md). It posts the same "init"
// message as engine/client.ts, which adopts the worker and replays what it said meanwhile
// (window.__engineWorker; the dev server has no built worker, so there the client starts it).
// Before the page's other scripts: an inline script after a stylesheet would wait for it.
function startEngineFirst(): Plugin {
  const script = (worker: string) => `(function () {
  try {
    var asked = new URLSearchParams(location.search).get("boot");
    var interrupt = typeof SharedArrayBuffer !== "undefined" && self.crossOriginIsolated === true
      ? new Uint8Array(new SharedArrayBuffer(1)) : null;
    var w = new Worker(new URL(${JSON.stringify(`./${worker}`)}, document.baseURI), { type: "module" });
    var early = { worker: w, interrupt: interrupt, events: [] };
    w.onmessage = w.onerror = function (ev) { early.events.push(ev); };
    w.postMessage({ type: "init", base: new URL("./", document.baseURI).href, interrupt: interrupt,
      boot: asked === "normal" || asked === "snapshot" ? asked : "auto" });
    window.__engineWorker = early;
  } catch (e) {}
})();`;
  return {
    name: "start-engine-first",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const worker = Object.keys(ctx.bundle ?? {}).find((f) =>
          /^assets\/worker-[^/]+\.js$/.test(f),
        );
        const at = html.indexOf("<script");
        if (!worker || at < 0)
          throw new Error("start-engine-first: no worker chunk or no <script>");
        return `${html.slice(0, at)}<script>${script(worker)}</script>\n    ${html.slice(at)}`;
      },
    },
  };
}

// base './' keeps every URL relative, so dist/ works from any static host sub-path.
export default defineConfig({
  base: "./",
  plugins: [
    react(),
    startEngineFirst(),
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
        // No .whl: numpy and the engine come from pyodide/numpy-tree.tar.gz and
        // wheels/<digest>/py_engine-tree.tar.gz; their wheels (3 and 1.2 MB) are only fetched
        // when those archives cannot be used, which a consistent precache never gives.
        globPatterns: ["**/*.{html,js,mjs,css,wasm,zip,gz,json,svg,png,webmanifest,woff2,bin}"],
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

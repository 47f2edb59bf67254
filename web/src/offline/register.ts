// Registers the service worker (built by vite-plugin-pwa, see vite.config.ts) that precaches
// the whole site for offline use, and tells the person when a new deployment is ready.
//
// <html data-offline> says where it stands, for people debugging and for the tests:
// "unavailable" (no service worker here: an insecure origin or a browser that blocks them;
// the page works online as before), "installing", "ready" (everything is cached) or "error".
import { Workbox } from "workbox-window";
import { say, setUpdateReady } from "../store/store";
import { t } from "../i18n";

type OfflineState = "unavailable" | "installing" | "ready" | "error";

let workbox: Workbox | null = null;
let started = false;

function mark(state: OfflineState): void {
  document.documentElement.dataset.offline = state;
}

/** Registers once. Called when the engine is ready, so that the precache's downloads (Pyodide
 *  is most of them) never compete with the first visit's own boot. */
export function registerServiceWorker(): void {
  if (started) return;
  started = true;
  if (!("serviceWorker" in navigator) || !window.isSecureContext) {
    mark("unavailable");
    return;
  }
  const wb = new Workbox(new URL("./sw.js", document.baseURI).href, { scope: "./" });
  workbox = wb;
  // Fired for a worker already waiting when the page loads too: an update found on an
  // earlier visit is offered again, not lost.
  wb.addEventListener("waiting", () => setUpdateReady(true));
  wb.addEventListener("activated", (ev) => {
    mark("ready");
    // The first install, not an update: say once that the page now works without a network.
    if (!ev.isUpdate && !ev.isExternal) say(t("offline.offlineReady"));
  });
  mark("installing");
  wb.register()
    .then((reg) => {
      // Already installed by an earlier visit: the precache is complete.
      if (reg?.active) mark("ready");
    })
    .catch((e: unknown) => {
      // Blocked or failed: nothing changes for the page, which works online as before.
      console.warn("service worker not registered:", e);
      mark(navigator.serviceWorker ? "error" : "unavailable");
    });
}

/** Lets the waiting worker take over, then reloads once it controls the page, so every file
 *  of the reloaded page comes from the new build and none from the old one. */
export function applyUpdate(): void {
  const wb = workbox;
  if (!wb) {
    window.location.reload();
    return;
  }
  wb.addEventListener("controlling", () => window.location.reload());
  wb.messageSkipWaiting();
}

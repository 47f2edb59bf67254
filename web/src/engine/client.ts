// The page's side of the worker: numbered requests, so that only the answer to the newest
// request redraws the graph and a slow, stale answer can never overwrite a newer one.
import type { EngineRequest, EngineResponse, WorkerMessage } from "./protocol";

export type EngineStatus = "loading" | "ready" | "error";

export interface EngineClient {
  send(request: EngineRequest): Promise<{ response: EngineResponse; latest: boolean }>;
}

export function createEngineClient(
  onStatus: (s: EngineStatus, message?: string) => void,
): EngineClient {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  let nextId = 1;
  let latestId = 0;
  const pending = new Map<number, (r: EngineResponse) => void>();
  worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
    const msg = ev.data;
    if (msg.type === "status") onStatus(msg.status, msg.message);
    else {
      pending.get(msg.id)?.(msg.response);
      pending.delete(msg.id);
    }
  };
  worker.onerror = (ev) => {
    onStatus("error", ev.message || "the engine worker could not start");
  };
  worker.postMessage({ type: "init", base: new URL("./", document.baseURI).href });
  return {
    send(request) {
      const id = nextId++;
      latestId = id;
      worker.postMessage({ type: "request", id, request });
      return new Promise((resolve) => {
        pending.set(id, (response) => resolve({ response, latest: id === latestId }));
      });
    },
  };
}

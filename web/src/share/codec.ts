// Share links: #g= + base64url(deflate-raw(UTF-8 JSON)). Links come from strangers, so the
// decoder checks sizes before doing work, streams the inflate with a byte cap (a tiny link
// can inflate to gigabytes), and hands only validated data to the page (share/load.ts).
import type { GraphDoc } from "../document/types";
import { InvalidDocument } from "../document/validate";
import { MAX_CODE_BYTES, MAX_DECODED_BYTES, MAX_ENCODED_CHARS } from "../document/limits";
import { GRAPH_PREFIX } from "./hash";
import { loadDoc } from "./load";
import { t } from "../i18n";

export class LinkError extends Error {}

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1)
    throw new LinkError(t("share.link.base64"));
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  let bin: string;
  try {
    bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  } catch {
    throw new LinkError(t("share.link.base64"));
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function collect(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new LinkError(t("share.link.tooLarge", { mb: (cap / 1e6).toFixed(0) }));
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

export async function encodeText(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return toBase64Url(await collect(stream, Number.MAX_SAFE_INTEGER));
}

export function encodeDoc(doc: GraphDoc): Promise<string> {
  return encodeText(JSON.stringify(doc));
}

/** Decodes the code part of a link (after "&c="): text only, never run by decoding. */
export async function decodeCode(encoded: string): Promise<string> {
  if (encoded.length > MAX_ENCODED_CHARS) throw new LinkError(t("share.link.codeTooLong"));
  let raw: Uint8Array;
  try {
    const packed = fromBase64Url(encoded);
    const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    raw = await collect(stream, MAX_CODE_BYTES);
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError(t("share.link.codeDecompress"));
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw new LinkError(t("share.link.codeUtf8"));
  }
}

async function decodeJson(encoded: string): Promise<unknown> {
  if (encoded.length === 0) throw new LinkError(t("share.link.empty"));
  if (encoded.length > MAX_ENCODED_CHARS)
    throw new LinkError(
      t("share.link.tooLong", {
        length: encoded.length.toLocaleString("en"),
        max: MAX_ENCODED_CHARS.toLocaleString("en"),
      }),
    );
  const packed = fromBase64Url(encoded);
  let raw: Uint8Array;
  try {
    const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    raw = await collect(stream, MAX_DECODED_BYTES);
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError(t("share.link.decompress"));
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw new LinkError(t("share.link.utf8"));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new LinkError(t("share.link.json"));
  }
}

/** Decodes the part after "#g=" into a document with positions, ready to show. Throws
 *  LinkError with a message fit for people. */
export async function decodeDoc(encoded: string): Promise<{ doc: GraphDoc; guessed: boolean }> {
  const json = await decodeJson(encoded);
  try {
    return loadDoc(json);
  } catch (e) {
    if (e instanceof InvalidDocument)
      throw new LinkError(t("share.link.invalid", { message: e.message }));
    throw e;
  }
}

export function linkFor(code: string): string {
  const u = new URL(window.location.href);
  u.hash = "";
  return `${u.href.replace(/#$/, "")}${GRAPH_PREFIX}${code}`;
}

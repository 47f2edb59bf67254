/** The bytes of a gzip file, inflated natively (DecompressionStream, whose CRC check turns a
 *  corrupt or cut file into an error); a server that already undid the gzip
 *  (Content-Encoding) leaves the bytes themselves, returned as they are. */
export async function gunzipIfGzipped(buffer: ArrayBuffer): Promise<Uint8Array> {
  const bytes = new Uint8Array(buffer);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

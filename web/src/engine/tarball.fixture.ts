// Tars as Python's tarfile writes them, for the tests of the modules that read them.

/** A USTAR member as Python's tarfile writes one (the fields untar reads). */
export function member(name: string, data: Uint8Array, type = "0"): Uint8Array {
  const header = new Uint8Array(512);
  const put = (at: number, text: string) => header.set(new TextEncoder().encode(text), at);
  const long = name.length > 100;
  put(0, long ? name.slice(name.lastIndexOf("/") + 1) : name);
  if (long) put(345, name.slice(0, name.lastIndexOf("/")));
  put(124, data.length.toString(8).padStart(11, "0"));
  put(156, type);
  put(257, "ustar\u000000");
  const body = new Uint8Array(Math.ceil(data.length / 512) * 512);
  body.set(data);
  const out = new Uint8Array(512 + body.length);
  out.set(header);
  out.set(body, 512);
  return out;
}

export function archive(...members: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = members.reduce((n, m) => n + m.length, 0) + 1024; // two zero blocks end it
  const out = new Uint8Array(total);
  let at = 0;
  for (const m of members) {
    out.set(m, at);
    at += m.length;
  }
  return out;
}

export const bytes = (text: string) => new TextEncoder().encode(text);

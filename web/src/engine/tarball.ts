// The gzipped tars the build makes for the worker to write out in JavaScript while Python starts
// (numpy-tree.tar.gz, py_engine-tree.tar.gz): one native gunzip, whose CRC turns a damaged file
// into an error before anything is written, and a USTAR reader.

import { gunzipIfGzipped } from "./gunzip";

const BLOCK = 512;

function field(header: Uint8Array, from: number, length: number): string {
  const bytes = header.subarray(from, from + length);
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

/** The regular files of a USTAR archive (what Python's tarfile writes with USTAR_FORMAT), in
 *  order, as views into it. Anything else (a link, a pax header, a cut archive) is refused: the
 *  archive is ours, so anything unexpected means it is damaged. */
export function untar(tar: Uint8Array): [string, Uint8Array][] {
  const files: [string, Uint8Array][] = [];
  for (let at = 0; at + BLOCK <= tar.length;) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return files; // the end-of-archive block
    if (field(header, 257, 6) !== "ustar") throw new Error(`no tar header at byte ${at}`);
    const type = String.fromCharCode(header[156] ?? 0);
    if (type !== "0" && type !== "\0") throw new Error(`member of type ${JSON.stringify(type)}`);
    const prefix = field(header, 345, 155);
    const name = (prefix ? `${prefix}/` : "") + field(header, 0, 100);
    const size = parseInt(field(header, 124, 12).trim() || "0", 8);
    const start = at + BLOCK;
    if (!Number.isFinite(size) || start + size > tar.length) throw new Error(`${name} is cut`);
    files.push([name, tar.subarray(start, start + size)]);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new Error("no end-of-archive block");
}

/** The archive at url, fetched, gunzipped and read. */
export async function fetchTar(url: string): Promise<[string, Uint8Array][]> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return untar(await gunzipIfGzipped(await res.arrayBuffer()));
}

/** A tree archive (numpy-tree.tar.gz, py_engine-tree.tar.gz): its first member, `<archive
 *  name>.json`, parsed, then the files of package `pkg` and of its dist-info, as
 *  site-packages-relative paths. Throws, saying why, on anything else, and on a name that
 *  would climb out of site-packages. */
export async function fetchTree<Key>(
  url: string,
  pkg: string,
): Promise<{ key: Key; files: [string, Uint8Array][] }> {
  const [first, ...files] = await fetchTar(url);
  const json = `${pkg}-tree.json`;
  if (first?.[0] !== json) throw new Error(`no ${json} first`);
  const member = new RegExp(`^(${pkg}|${pkg}-[^/]+\\.dist-info)(/[^/]+)+$`);
  for (const [name] of files) {
    if (!member.test(name) || name.split("/").includes("..")) {
      throw new Error(`unexpected member ${name}`);
    }
  }
  return { key: JSON.parse(new TextDecoder().decode(first[1])) as Key, files };
}

/** The part of Emscripten's file system that writing an archive out needs. */
export interface TreeFS {
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array): void;
}

/** Writes each file at root/<its name>, making its folders once. */
export function writeFiles(fs: TreeFS, root: string, files: [string, Uint8Array][]): void {
  const made = new Set<string>();
  for (const [name, data] of files) {
    const dir = `${root}/${name.slice(0, name.lastIndexOf("/"))}`;
    if (!made.has(dir)) {
      fs.mkdirTree(dir);
      made.add(dir);
    }
    fs.writeFile(`${root}/${name}`, data);
  }
}

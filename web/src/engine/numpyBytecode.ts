// pyodide/numpy-pyc.tar.gz, made at build time by scripts/compile_boot.mjs: the bytecode of the
// numpy modules a start imports, compiled by this Pyodide from the very wheel it installs. The
// worker unpacks it here, in JavaScript, while Python starts (one native gunzip, whose CRC
// turns a damaged file into an error before anything is written), and writes the files once
// Pyodide has installed numpy, before anything imports it. Any failure only costs time: numpy
// then compiles from source, slower and never wrong.

import { gunzipIfGzipped } from "./gunzip";

/** The archive's first member: which numpy it was compiled from. */
interface Key {
  record: string;
  record_sha256: string;
}

export interface NumpyBytecode {
  key: Key;
  /** site-packages-relative paths (numpy/**\/__pycache__/*.pyc) and their bytes. */
  files: [string, Uint8Array][];
}

/** Where Python and the page meet: only what installing the files needs. */
export interface BytecodeTarget {
  runPython(code: string): unknown;
  FS: {
    mkdirTree(path: string): void;
    writeFile(path: string, data: Uint8Array): void;
  };
}

const BLOCK = 512;

function field(header: Uint8Array, from: number, length: number): string {
  const bytes = header.subarray(from, from + length);
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

/** The regular files of a USTAR archive (what Python's tarfile writes with USTAR_FORMAT), in
 *  order. Anything else (a link, a pax header, a cut archive) is refused: the archive is ours,
 *  so anything unexpected means it is damaged. */
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
    files.push([name, tar.slice(start, start + size)]);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new Error("no end-of-archive block");
}

/** The archive, fetched and unpacked; null (said why) when it cannot be had. */
export async function fetchNumpyBytecode(url: string): Promise<NumpyBytecode | null> {
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const [first, ...files] = untar(await gunzipIfGzipped(await res.arrayBuffer()));
    if (first?.[0] !== "numpy-pyc.json") throw new Error("no numpy-pyc.json first");
    const key = JSON.parse(new TextDecoder().decode(first[1])) as Key;
    for (const [name] of files)
      if (!name.startsWith("numpy/") || name.includes("..") || !name.endsWith(".pyc"))
        throw new Error(`unexpected member ${name}`);
    return { key, files };
  } catch (e) {
    console.warn(
      `numpy-pyc.tar.gz: ${e instanceof Error ? e.message : String(e)}; numpy compiles from source`,
    );
    return null;
  }
}

/** Writes the bytecode beside the installed numpy, only if that numpy is the one it was
 *  compiled from: its RECORD (which lists every file's hash) must have the sha256 the archive
 *  names. Returns "" or why nothing was written. */
export function installNumpyBytecode(py: BytecodeTarget, bytecode: NumpyBytecode): string {
  // numpy's site-packages and its RECORD's sha256 (JSON), or None without that RECORD.
  const found = py.runPython(
    "def _numpy_record(name):\n" +
      "    import hashlib, importlib.util, json, pathlib\n" +
      "    spec = importlib.util.find_spec('numpy')\n" +
      "    if spec is None:\n" +
      "        return None\n" +
      "    site = pathlib.Path(spec.submodule_search_locations[0]).parent\n" +
      "    record = site / name\n" +
      "    if not record.is_file():\n" +
      "        return None\n" +
      "    return json.dumps([str(site), hashlib.sha256(record.read_bytes()).hexdigest()])\n" +
      `_numpy_record(${JSON.stringify(bytecode.key.record)})`,
  );
  if (typeof found !== "string") return `made for another numpy (${bytecode.key.record})`;
  const [site, sha256] = JSON.parse(found) as [string, string];
  if (sha256 !== bytecode.key.record_sha256)
    return `made for another numpy (its ${bytecode.key.record} differs)`;
  for (const [name, data] of bytecode.files) {
    py.FS.mkdirTree(`${site}/${name.slice(0, name.lastIndexOf("/"))}`);
    py.FS.writeFile(`${site}/${name}`, data);
  }
  return "";
}

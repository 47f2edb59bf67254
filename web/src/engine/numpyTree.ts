// pyodide/numpy-tree.tar.gz, made at build time by scripts/compile_boot.mjs: numpy's files as
// Pyodide's loadPackage installs them from the vendored wheel, plus the bytecode of the numpy
// modules a start imports. The worker fetches it and unpacks it here, in JavaScript, while
// Python starts (one native gunzip, whose CRC turns a damaged file into an error before anything
// is written), then writes the files and loads numpy's C extensions as loadPackage would. That
// spares every start Python's unzipping of the wheel, 180-450 ms (docs/performance.md, "The
// cold start, fifth round"). If the archive cannot be had or was made from another numpy, the
// worker installs the wheel instead: slower, never wrong.

import { fetchTree, writeFiles, type TreeFS } from "./tarball";

/** The archive's first member: which wheel it was made from, and its C extensions in the order
 *  Pyodide's loader loads them (site-packages-relative). */
interface Key {
  wheel: string;
  sha256: string;
  dynlibs: string[];
}

export interface NumpyTree {
  key: Key;
  /** site-packages-relative paths and their bytes. */
  files: [string, Uint8Array][];
}

/** The parts of a started Pyodide that installing numpy touches (private ones included: this is
 *  what Pyodide 0.27.7's loadPackage does after unpacking a wheel, load-package.ts). */
export interface NumpyTarget {
  runPython(code: string): unknown;
  FS: TreeFS;
  loadPackage(
    names: string[],
    options: { messageCallback(message: string): void },
  ): Promise<unknown>;
  loadedPackages: Record<string, string>;
  _api: {
    sitepackages: string;
    lockfile_packages: Record<string, { file_name: string; sha256: string } | undefined>;
    loadDynlibsFromPackage(pkg: { file_name: string }, dynlibs: string[]): Promise<void>;
  };
  _module: { reportUndefinedSymbols(): void };
}

/** A failure once files were being written or C extensions loaded: this runtime's numpy may be
 *  half there, so the worker starts another runtime and installs the wheel in it. */
export class NumpyTreeFailed extends Error {}

/** The archive, fetched, unpacked and its names checked; null (said why) when it cannot be had. */
export async function fetchNumpyTree(url: string): Promise<NumpyTree | null> {
  try {
    const { key, files } = await fetchTree<Key>(url, "numpy");
    const names = new Set(files.map(([name]) => name));
    const strays = key.dynlibs.filter((lib) => !names.has(lib));
    if (strays.length > 0) throw new Error(`names C extensions it lacks: ${strays.join(", ")}`);
    return { key, files };
  } catch (e) {
    console.warn(
      `numpy-tree.tar.gz: ${e instanceof Error ? e.message : String(e)}; numpy is installed from its wheel`,
    );
    return null;
  }
}

/** Installs numpy from the archive if it was made from the wheel Pyodide's lock file names (same
 *  file name, same sha256), otherwise from that wheel, as loadPyodide's `packages` would have.
 *  Says which; throws NumpyTreeFailed if the archive failed half-way. */
export async function installNumpy(
  py: NumpyTarget,
  tree: NumpyTree | null,
): Promise<"tree" | "wheel"> {
  const locked = py._api.lockfile_packages["numpy"];
  if (tree && (locked?.file_name !== tree.key.wheel || locked.sha256 !== tree.key.sha256)) {
    console.warn(
      `numpy-tree.tar.gz: made from another numpy (${tree.key.wheel}); numpy is installed from its wheel`,
    );
    tree = null;
  }
  if (!tree) {
    // Quiet about its progress, as loadPyodide's `packages` is; a failure is still logged.
    await py.loadPackage(["numpy"], { messageCallback: () => undefined });
    return "wheel";
  }
  try {
    const site = py._api.sitepackages;
    writeFiles(py.FS, site, tree.files);
    // What loadPackage does once a wheel is unpacked: instantiate its C extensions in order
    // (asynchronously: a synchronous dlopen at `import numpy` is 1-2 s slower), then resolve
    // the symbols they left to each other, then let the import system see the new files.
    const dynlibs = tree.key.dynlibs.map((lib) => `${site}/${lib}`);
    await py._api.loadDynlibsFromPackage({ file_name: tree.key.wheel }, dynlibs);
    py._module.reportUndefinedSymbols();
    py.runPython("import importlib\nimportlib.invalidate_caches()");
    py.loadedPackages["numpy"] = "default channel";
    return "tree";
  } catch (e) {
    throw new NumpyTreeFailed(`numpy-tree.tar.gz: ${e instanceof Error ? e.message : String(e)}`);
  }
}

// wheels/<digest>/py_engine-tree.tar.gz, made at build time by scripts/compile_wheel.mjs: the
// engine's files as an install lays them out in site-packages, each module's bytecode in
// __pycache__, compiled under the path it is written to. The worker writes them out while
// Python starts, so that Python imports the engine from files: importing it out of its wheel
// (zipimport) read and inflated every module twice, in Python (docs/performance.md, "The cold
// start, fifth round"). If the archive cannot be used, the worker puts the wheel on sys.path.

import { fetchTree, writeFiles, type TreeFS } from "./tarball";

export interface EngineTree {
  /** The site-packages its bytecode was compiled for (their co_filename). */
  site: string;
  /** site-packages-relative paths and their bytes. */
  files: [string, Uint8Array][];
}

function warn(why: string): void {
  console.warn(`py_engine-tree.tar.gz: ${why}; the engine is imported from its wheel`);
}

/** The archive, fetched, unpacked and its names checked; null (said why) when it cannot be had. */
export async function fetchEngineTree(url: string): Promise<EngineTree | null> {
  try {
    const { key, files } = await fetchTree<{ site: string }>(url, "py_engine");
    return { site: key.site, files };
  } catch (e) {
    warn(e instanceof Error ? e.message : String(e));
    return null;
  }
}

/** Writes the engine into site-packages if its bytecode was compiled for that one (tracebacks
 *  name the files by it); says whether it did. */
export function installEngineTree(py: { FS: TreeFS }, site: string, tree: EngineTree): boolean {
  if (tree.site !== site) {
    warn(`compiled for ${tree.site}, not ${site}`);
    return false;
  }
  writeFiles(py.FS, site, tree.files);
  return true;
}

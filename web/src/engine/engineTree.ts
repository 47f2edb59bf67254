// wheels/<digest>/py_engine-tree.tar.gz, made at build time by scripts/compile_wheel.mjs: the
// engine's files as an install lays them out in site-packages, each module's bytecode in
// __pycache__, compiled under the path it is written to. The worker writes them out while
// Python starts, so that Python imports the engine from files: importing it out of its wheel
// (zipimport) read and inflated every module twice, in Python (docs/performance.md, "The cold
// start, fifth round"). If the archive cannot be used, the worker puts the wheel on sys.path.

import { fetchTar, writeFiles, type TreeFS } from "./tarball";

export interface EngineTree {
  /** The site-packages its bytecode was compiled for (their co_filename). */
  site: string;
  /** site-packages-relative paths and their bytes. */
  files: [string, Uint8Array][];
}

// The engine's package and its dist-info, and nothing that climbs out of site-packages.
const MEMBER = /^(py_engine|py_engine-[^/]+\.dist-info)(\/[^/]+)+$/;

function warn(why: string): void {
  console.warn(`py_engine-tree.tar.gz: ${why}; the engine is imported from its wheel`);
}

/** The archive, fetched, unpacked and its names checked; null (said why) when it cannot be had. */
export async function fetchEngineTree(url: string): Promise<EngineTree | null> {
  try {
    const [first, ...files] = await fetchTar(url);
    if (first?.[0] !== "py_engine-tree.json") throw new Error("no py_engine-tree.json first");
    const { site } = JSON.parse(new TextDecoder().decode(first[1])) as { site: string };
    for (const [name] of files) {
      if (!MEMBER.test(name) || name.split("/").includes("..")) {
        throw new Error(`unexpected member ${name}`);
      }
    }
    return { site, files };
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

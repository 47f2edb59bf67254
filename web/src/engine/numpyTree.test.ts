import { afterEach, describe, expect, it, vi } from "vitest";
import {
  fetchNumpyTree,
  installNumpy,
  NumpyTreeFailed,
  type NumpyTarget,
  type NumpyTree,
} from "./numpyTree";
import { archive, bytes, member } from "./tarball.fixture";

const WHEEL = "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl";
const SO = "numpy/_core/_multiarray_umath.cpython-312-wasm32-emscripten.so";

function served(key: object, ...names: string[]): Response {
  const json = member("numpy-tree.json", bytes(JSON.stringify(key)));
  const tar = archive(json, ...names.map((n) => member(n, bytes(n))));
  return new Response(tar);
}

describe("fetchNumpyTree", () => {
  afterEach(() => vi.unstubAllGlobals());
  const key = { wheel: WHEEL, sha256: "ab", dynlibs: [SO] };

  it("gives numpy's files and the key", async () => {
    const names = ["numpy/__init__.py", SO, "numpy-2.0.2.dist-info/INSTALLER"];
    vi.stubGlobal("fetch", () => Promise.resolve(served(key, ...names)));
    const tree = await fetchNumpyTree("/numpy-tree.tar.gz");
    expect(tree?.key).toEqual(key);
    expect(tree?.files.map(([n]) => n)).toEqual(names);
  });

  it.each([
    ["a file outside numpy", ["os.py", SO], /unexpected member os.py/],
    ["a climb out of site-packages", ["numpy/../../x.py", SO], /unexpected member/],
    ["an absolute name", ["/numpy/x.py", SO], /unexpected member/],
    ["a C extension it lacks", ["numpy/__init__.py"], /lacks: numpy\/_core/],
  ])("refuses %s, saying why", async (_, names, why) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.stubGlobal("fetch", () => Promise.resolve(served(key, ...names)));
    expect(await fetchNumpyTree("/numpy-tree.tar.gz")).toBeNull();
    expect(warn.mock.calls[0]?.[0]).toMatch(why);
    expect(warn.mock.calls[0]?.[0]).toMatch(/numpy is installed from its wheel/);
    warn.mockRestore();
  });

  it("passes over a missing archive", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.stubGlobal("fetch", () => Promise.resolve(new Response("", { status: 404 })));
    expect(await fetchNumpyTree("/numpy-tree.tar.gz")).toBeNull();
    expect(warn.mock.calls[0]?.[0]).toMatch(/HTTP 404/);
    warn.mockRestore();
  });
});

/** A Pyodide that records, in order, what installing numpy did to it. */
function pyodide(locked = { file_name: WHEEL, sha256: "ab" }, failOn = "") {
  const did: string[] = [];
  const py: NumpyTarget = {
    runPython: (code) => void did.push(`python ${code.split("\n").pop() ?? ""}`),
    FS: {
      mkdirTree: (path) => void did.push(`mkdir ${path}`),
      writeFile: (path) => {
        if (path.endsWith(failOn) && failOn) throw new Error("no space left");
        did.push(`write ${path}`);
      },
    },
    loadPackage: (names) => Promise.resolve(void did.push(`loadPackage ${names.join()}`)),
    loadedPackages: {},
    _api: {
      sitepackages: "/site",
      lockfile_packages: { numpy: locked },
      loadDynlibsFromPackage: (pkg, libs) =>
        Promise.resolve(void did.push(`dlopen ${pkg.file_name} ${libs.join()}`)),
    },
    _module: { reportUndefinedSymbols: () => void did.push("symbols") },
  };
  return { py, did };
}

describe("installNumpy", () => {
  const tree: NumpyTree = {
    key: { wheel: WHEEL, sha256: "ab", dynlibs: [SO] },
    files: [
      ["numpy/__init__.py", bytes("")],
      [SO, bytes("")],
    ],
  };

  it("writes the files, then loads the C extensions as loadPackage does", async () => {
    const { py, did } = pyodide();
    expect(await installNumpy(py, tree)).toBe("tree");
    expect(did).toEqual([
      "mkdir /site/numpy",
      "write /site/numpy/__init__.py",
      "mkdir /site/numpy/_core",
      `write /site/${SO}`,
      `dlopen ${WHEEL} /site/${SO}`,
      "symbols",
      "python importlib.invalidate_caches()",
    ]);
    expect(py.loadedPackages).toEqual({ numpy: "default channel" });
  });

  it("installs the wheel instead when the archive was made from another numpy", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    for (const locked of [
      { file_name: WHEEL, sha256: "cd" },
      { file_name: "numpy-2.1.0-cp312-cp312-pyodide_2024_0_wasm32.whl", sha256: "ab" },
    ]) {
      const { py, did } = pyodide(locked);
      expect(await installNumpy(py, tree)).toBe("wheel");
      expect(did).toEqual(["loadPackage numpy"]);
    }
    expect(warn.mock.calls[0]?.[0]).toMatch(/made from another numpy/);
    warn.mockRestore();
  });

  it("installs the wheel when there is no archive", async () => {
    const { py, did } = pyodide();
    expect(await installNumpy(py, null)).toBe("wheel");
    expect(did).toEqual(["loadPackage numpy"]);
  });

  it("says the archive failed half-way, so that another runtime is started", async () => {
    const { py } = pyodide(undefined, ".so");
    await expect(installNumpy(py, tree)).rejects.toThrow(NumpyTreeFailed);
    await expect(installNumpy(py, tree)).rejects.toThrow(/no space left/);
  });
});

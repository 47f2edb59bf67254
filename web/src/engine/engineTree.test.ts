import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchEngineTree, installEngineTree } from "./engineTree";
import { archive, bytes, member } from "./tarball.fixture";

const SITE = "/lib/python3.12/site-packages";

function served(site: string, ...names: string[]): Response {
  const json = member("py_engine-tree.json", bytes(JSON.stringify({ site })));
  return new Response(archive(json, ...names.map((n) => member(n, bytes(n)))));
}

describe("fetchEngineTree", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("gives the engine's files and the site-packages they were compiled for", async () => {
    const names = [
      "py_engine/__init__.py",
      "py_engine/__pycache__/__init__.cpython-312.pyc",
      "py_engine-0.1.0.dist-info/RECORD",
    ];
    vi.stubGlobal("fetch", () => Promise.resolve(served(SITE, ...names)));
    const tree = await fetchEngineTree("/py_engine-tree.tar.gz");
    expect(tree?.site).toBe(SITE);
    expect(tree?.files.map(([n]) => n)).toEqual(names);
  });

  it.each([
    ["a file outside the engine", "numpy/__init__.py"],
    ["a climb out of site-packages", "py_engine/../../x.py"],
    ["an absolute name", "/py_engine/x.py"],
  ])("refuses %s, saying why", async (_, name) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.stubGlobal("fetch", () => Promise.resolve(served(SITE, name)));
    expect(await fetchEngineTree("/py_engine-tree.tar.gz")).toBeNull();
    expect(warn.mock.calls[0]?.[0]).toMatch(/unexpected member/);
    expect(warn.mock.calls[0]?.[0]).toMatch(/the engine is imported from its wheel/);
    warn.mockRestore();
  });
});

describe("installEngineTree", () => {
  const files: [string, Uint8Array][] = [["py_engine/__init__.py", bytes("")]];

  it("writes into the site-packages it was compiled for, and only there", () => {
    const written: string[] = [];
    const FS = { mkdirTree: () => undefined, writeFile: (p: string) => void written.push(p) };
    expect(installEngineTree({ FS }, SITE, { site: SITE, files })).toBe(true);
    expect(written).toEqual([`${SITE}/py_engine/__init__.py`]);

    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    written.length = 0;
    expect(installEngineTree({ FS }, "/other/site-packages", { site: SITE, files })).toBe(false);
    expect(written).toEqual([]);
    expect(warn.mock.calls[0]?.[0]).toMatch(/compiled for \/lib\/python3.12\/site-packages/);
    warn.mockRestore();
  });
});

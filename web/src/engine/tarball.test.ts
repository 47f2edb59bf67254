import { describe, expect, it } from "vitest";
import { untar, writeFiles } from "./tarball";
import { archive, bytes, member } from "./tarball.fixture";

describe("untar", () => {
  it("reads the regular files in order, a long name from its prefix", () => {
    const deep = `numpy/${"d".repeat(90)}/__pycache__/x.cpython-312.pyc`;
    const files = untar(
      archive(member("a.json", bytes("{}")), member(deep, bytes("x".repeat(700)))),
    );
    expect(files.map(([n]) => n)).toEqual(["a.json", deep]);
    expect(new TextDecoder().decode(files[1]![1])).toBe("x".repeat(700));
  });

  it("refuses a cut archive, a foreign header and a link", () => {
    const whole = archive(member("a", bytes("abc")));
    expect(() => untar(whole.slice(0, 600))).toThrow(/cut|end-of-archive/);
    expect(() => untar(new Uint8Array(1024).fill(7))).toThrow(/no tar header/);
    expect(() => untar(archive(member("l", bytes(""), "2")))).toThrow(/type "2"/);
  });
});

describe("writeFiles", () => {
  it("writes each file under the root, making each folder once", () => {
    const did: string[] = [];
    const fs = {
      mkdirTree: (path: string) => void did.push(`mkdir ${path}`),
      writeFile: (path: string) => void did.push(`write ${path}`),
    };
    writeFiles(fs, "/site", [
      ["p/a.py", bytes("")],
      ["p/b.py", bytes("")],
      ["p/q/c.py", bytes("")],
    ]);
    expect(did).toEqual([
      "mkdir /site/p",
      "write /site/p/a.py",
      "write /site/p/b.py",
      "mkdir /site/p/q",
      "write /site/p/q/c.py",
    ]);
  });
});

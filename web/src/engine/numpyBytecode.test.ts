import { describe, expect, it } from "vitest";
import { installNumpyBytecode, untar, type BytecodeTarget } from "./numpyBytecode";

/** A USTAR member as Python's tarfile writes one (the fields untar reads). */
function member(name: string, data: Uint8Array, type = "0"): Uint8Array {
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

function archive(...members: Uint8Array[]): Uint8Array {
  const total = members.reduce((n, m) => n + m.length, 0) + 1024; // two zero blocks end it
  const out = new Uint8Array(total);
  let at = 0;
  for (const m of members) {
    out.set(m, at);
    at += m.length;
  }
  return out;
}

const bytes = (text: string) => new TextEncoder().encode(text);

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

function target(record: string | undefined) {
  const written: string[] = [];
  const py: BytecodeTarget = {
    runPython: () => record,
    FS: { mkdirTree: () => undefined, writeFile: (path) => void written.push(path) },
  };
  return { py, written };
}

describe("installNumpyBytecode", () => {
  const bytecode = {
    key: { record: "numpy-2.0.2.dist-info/RECORD", record_sha256: "ab" },
    files: [["numpy/__pycache__/a.cpython-312.pyc", bytes("pyc")]] as [string, Uint8Array][],
  };

  it("writes beside the numpy it was compiled from", () => {
    const { py, written } = target(JSON.stringify(["/lib/site", "ab"]));
    expect(installNumpyBytecode(py, bytecode)).toBe("");
    expect(written).toEqual(["/lib/site/numpy/__pycache__/a.cpython-312.pyc"]);
  });

  it("writes nothing for another numpy", () => {
    const other = target(JSON.stringify(["/lib/site", "cd"]));
    expect(installNumpyBytecode(other.py, bytecode)).toMatch(
      /another numpy \(its .*RECORD differs/,
    );
    expect(other.written).toEqual([]);
    const none = target(undefined);
    expect(installNumpyBytecode(none.py, bytecode)).toMatch(/another numpy/);
    expect(none.written).toEqual([]);
  });
});

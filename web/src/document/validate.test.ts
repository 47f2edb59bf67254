// Documents come from links, files and saved work: validateDoc returns a clean copy of a good
// one and refuses a bad one with a short message that quotes the bad input only in excerpt.
import { describe, expect, test } from "vitest";
import {
  MAX_ABS_POS,
  MAX_ID_CHARS,
  MAX_JSON_DEPTH,
  MAX_TEXT_CHARS,
  MAX_LABEL_CHARS,
  MAX_NODES,
  MAX_PARAMS_PER_NODE,
} from "./limits";
import { EXAMPLE_DOC } from "./types";
import { InvalidDocument, validateDoc, type ValidateOptions } from "./validate";

type Raw = Record<string, unknown>;

/** A one-node document with `node`'s fields over a plain tensor's. */
function one(node: Raw): Raw {
  return { version: 1, nodes: [{ id: "a", op: "tensor", ...node }] };
}

function refusal(raw: unknown, options?: ValidateOptions): string {
  try {
    validateDoc(raw, options);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidDocument);
    const message = (e as InvalidDocument).message;
    expect(message.length).toBeLessThan(300);
    return message;
  }
  throw new Error(`accepted: ${JSON.stringify(raw).slice(0, 200)}`);
}

describe("good documents", () => {
  test("come back equal, as a copy", () => {
    const raw = structuredClone(EXAMPLE_DOC);
    const doc = validateDoc(raw);
    expect(doc).toEqual(EXAMPLE_DOC);
    expect(doc).not.toBe(raw);
    expect(doc.nodes[0]!.params).not.toBe(raw.nodes[0]!.params);
  });

  test("keep every field a node may have, and drop unknown ones and nulls", () => {
    const doc = validateDoc(
      one({
        label: "x",
        pos: [1.5, -2],
        params: { value: [[1, 2]], dtype: "float64", requires_grad: true },
        retain_grad: true,
        no_grad: false,
        colour: "red",
        inputs: null,
      }),
    );
    expect(doc.nodes[0]).toEqual({
      id: "a",
      op: "tensor",
      label: "x",
      pos: [1.5, -2],
      params: { value: [[1, 2]], dtype: "float64", requires_grad: true },
      retain_grad: true,
      no_grad: false,
    });
  });

  test("a wire from a missing node is left for the engine to report on that node", () => {
    const doc = validateDoc({ version: 1, nodes: [{ id: "n", op: "neg", inputs: ["ghost"] }] });
    expect(doc.nodes[0]!.inputs).toEqual(["ghost"]);
  });
});

describe("the document's shape", () => {
  test.each([
    [null, /not a JSON object \(got null\)/],
    [[], /not a JSON object/],
    ["{}", /not a JSON object/],
    [{ nodes: [] }, /unknown document version: nothing/],
    [{ version: "1", nodes: [] }, /unknown document version: "1"/],
    [
      { version: 3, nodes: [] },
      /document version 3, from a newer playground \(this page reads versions 1 and 2\)/,
    ],
    [{ version: 0, nodes: [] }, /unknown document version: 0/],
    [{ version: 1 }, /no "nodes" list/],
    [{ version: 1, nodes: {} }, /no "nodes" list \(got an object with 0 keys\)/],
    [{ version: 1, nodes: [42] }, /node #0 is not an object/],
  ])("%j is refused", (raw, message) => {
    expect(refusal(raw)).toMatch(message);
  });

  test("too many nodes", () => {
    const nodes = Array.from({ length: MAX_NODES + 1 }, (_, i) => ({ id: `n${i}`, op: "ones" }));
    expect(refusal({ version: 1, nodes })).toMatch(`too many nodes (2,001, at most ${MAX_NODES})`);
  });
});

describe("nodes", () => {
  test("ids: present, short, unique; any string is legal", () => {
    expect(refusal(one({ id: "" }))).toMatch(/node #0 has no valid "id"/);
    expect(refusal(one({ id: 7 }))).toMatch(/no valid "id"/);
    expect(refusal(one({ id: "i".repeat(MAX_ID_CHARS + 1) }))).toMatch(/no valid "id"/);
    const twice = { version: 1, nodes: [one({}).nodes, one({}).nodes].flat() };
    expect(refusal(twice)).toMatch(/two nodes share the id "a"/);
    for (const id of ["__proto__", "constructor", "a->b:0", "x y"])
      expect(validateDoc(one({ id })).nodes[0]!.id).toBe(id);
  });

  test("ops must be known", () => {
    expect(refusal(one({ op: undefined }))).toMatch(/node "a" has no "op"/);
    expect(refusal(one({ op: "os.system" }))).toMatch(/unknown op: "os.system"/);
    expect(refusal(one({ op: "toString" }))).toMatch(/unknown op: "toString"/);
  });

  test("labels are short strings", () => {
    expect(refusal(one({ label: 3 }))).toMatch(/bad "label"/);
    expect(refusal(one({ label: "l".repeat(MAX_LABEL_CHARS + 1) }))).toMatch(/bad "label"/);
  });

  test("inputs: a list of ids or null, no more than the op's ports", () => {
    expect(refusal(one({ op: "neg", inputs: "x" }))).toMatch(/bad "inputs"/);
    expect(refusal(one({ op: "neg", inputs: [1] }))).toMatch(/bad "inputs"/);
    expect(refusal(one({ op: "neg", inputs: ["x", "y"] }))).toMatch(
      /\(neg\) has 2 inputs, at most 1/,
    );
    expect(refusal(one({ op: "neg", inputs: ["i".repeat(MAX_ID_CHARS + 1)] }))).toMatch(
      /bad "inputs"/,
    );
  });

  test("flags are booleans", () => {
    expect(refusal(one({ retain_grad: "yes" }))).toMatch(/non-boolean "retain_grad"/);
    expect(refusal(one({ no_grad: 1 }))).toMatch(/non-boolean "no_grad"/);
  });
});

describe("positions", () => {
  test("a link's bad position refuses the document", () => {
    expect(refusal(one({ pos: [0] }))).toMatch(/bad "pos"/);
    expect(refusal(one({ pos: [0, "1"] }))).toMatch(/bad "pos"/);
    expect(refusal(one({ pos: [MAX_ABS_POS + 1, 0] }))).toMatch(/bad "pos"/);
    expect(refusal(one({ pos: [Number.NaN, 0] }))).toMatch(/bad "pos"/);
  });

  test("saved work keeps the node and drops the position, to be laid out again", () => {
    const doc = validateDoc(one({ pos: [Infinity, 0] }), { repairPositions: true });
    expect(doc.nodes[0]).toEqual({ id: "a", op: "tensor" });
  });
});

describe("params", () => {
  test("an object of JSON values: finite numbers, short strings, shallow lists", () => {
    expect(refusal(one({ params: [1] }))).toMatch(/bad "params"/);
    expect(refusal(one({ params: { value: Infinity } }))).toMatch(/bad value for param "value"/);
    expect(refusal(one({ params: { value: () => 1 } }))).toMatch(/bad value for param/);
    expect(refusal(one({ params: { dtype: "f".repeat(201) } }))).toMatch(/bad value for param/);
    // a dataset's pasted table is the one long string a param may hold
    const table = "x,y\n" + "1,0\n".repeat(20_000);
    expect(
      validateDoc({ version: 2, nodes: [{ id: "d", op: "dataset", params: { csv: table } }] })
        .nodes[0]!.params!.csv,
    ).toBe(table);
    expect(refusal(one({ params: { csv: "x".repeat(MAX_TEXT_CHARS + 1) } }))).toMatch(
      /bad value for param "csv"/,
    );
    let deep: unknown = 1;
    for (let i = 0; i <= MAX_JSON_DEPTH; i++) deep = [deep];
    expect(refusal(one({ params: { value: deep } }))).toMatch(/bad value for param "value"/);
    const many = Object.fromEntries(
      Array.from({ length: MAX_PARAMS_PER_NODE + 1 }, (_, i) => [`p${i}`, i]),
    );
    expect(refusal(one({ params: many }))).toMatch(/has 33 params \(at most 32\)/);
  });

  test("a __proto__ key stays an ordinary key and pollutes nothing", () => {
    const raw: unknown = JSON.parse(
      '{"version": 1, "nodes": [{"id": "a", "op": "tensor", "params": {"__proto__": {"polluted": 1}}}]}',
    );
    const params = validateDoc(raw).nodes[0]!.params!;
    expect(Object.hasOwn(params, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(({} as Raw).polluted).toBeUndefined();
  });

  test("fields come only from the node itself, never from its prototype", () => {
    const node = Object.create({ op: "tensor" }) as Raw;
    node.id = "a";
    expect(refusal({ version: 1, nodes: [node] })).toMatch(/node "a" has no "op"/);
  });
});

describe("messages quote bad input only in short, escaped excerpts", () => {
  test("a huge value is described, not copied", () => {
    const message = refusal({ version: "9".repeat(100_000), nodes: [] });
    expect(message).toMatch(/version: a 100,000-character string starting "9{24}…" \(this page/);
  });

  test("control and bidi characters are shown as escapes", () => {
    const message = refusal(one({ op: "x\u202e\n" }));
    expect(message).toContain('unknown op: "x\\u202e\\u000a"');
  });
});

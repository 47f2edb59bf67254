// Share links come from strangers: a good link reads back exactly, and every kind of bad one
// is refused with a LinkError whose message is short enough for an alert.
import { describe, expect, test } from "vitest";
import {
  MAX_CODE_BYTES,
  MAX_DECODED_BYTES,
  MAX_ENCODED_CHARS,
  MAX_NODES,
} from "../document/limits";
import { EXAMPLE_DOC, type GraphDoc } from "../document/types";
import { decodeCode, decodeDoc, encodeDoc, encodeText, LinkError } from "./codec";

/** A link's data made by hand: raw deflate of `bytes`, base64url without padding. */
async function pack(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const packed = new Uint8Array(await new Response(stream).arrayBuffer());
  const b64 = btoa(String.fromCharCode(...packed));
  return b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const packText = (text: string) => pack(new TextEncoder().encode(text));

const PLACED: GraphDoc = {
  version: 2,
  nodes: EXAMPLE_DOC.nodes.map((n, i) => ({ ...n, pos: [i * 300, 0] as [number, number] })),
};

/** The LinkError `p` rejects with; fails the test if it resolves or throws anything else. */
async function refusal(p: Promise<unknown>): Promise<string> {
  const e: unknown = await p.then(
    (v) => {
      throw new Error(`accepted: ${JSON.stringify(v).slice(0, 200)}`);
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LinkError);
  const message = (e as LinkError).message;
  expect(message.length).toBeLessThan(300);
  return message;
}

describe("round trips", () => {
  test("a document with positions reads back as it was", async () => {
    const link = await encodeDoc(PLACED);
    expect(link).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, no padding
    expect(await decodeDoc(link)).toEqual({ doc: PLACED, guessed: false });
  });

  test("a document without positions is laid out, and says its positions were guessed", async () => {
    const { doc, guessed } = await decodeDoc(await encodeDoc(EXAMPLE_DOC));
    expect(guessed).toBe(true);
    expect(doc.nodes.map((n) => n.id)).toEqual(EXAMPLE_DOC.nodes.map((n) => n.id));
    for (const n of doc.nodes) expect(n.pos).toEqual([expect.any(Number), expect.any(Number)]);
  });

  test("code reads back exactly: newlines, indentation, any Unicode", async () => {
    const code = "import torch\nfor i in range(3):\n    print('λ 🙂', i)\n";
    expect(await decodeCode(await encodeText(code))).toBe(code);
    expect(await decodeCode(await encodeText(""))).toBe("");
  });
});

describe("damaged links are refused", () => {
  test("empty, or not base64url", async () => {
    expect(await refusal(decodeDoc(""))).toMatch(/holds no graph/);
    expect(await refusal(decodeDoc("abc$def"))).toMatch(/not valid base64url/);
    expect(await refusal(decodeDoc("abcde"))).toMatch(/not valid base64url/); // length % 4 == 1
    expect(await refusal(decodeCode("a+b/"))).toMatch(/not valid base64url/);
  });

  test("base64url that is not deflate data, or is cut short", async () => {
    expect(await refusal(decodeDoc("AAECAwQFBgc"))).toMatch(/damaged/);
    const link = await encodeDoc(PLACED);
    expect(await refusal(decodeDoc(link.slice(0, link.length >> 1)))).toMatch(/damaged/);
    expect(await refusal(decodeCode("AAECAwQFBgc"))).toMatch(/damaged/);
  });

  test("deflate data that is not UTF-8, or not JSON", async () => {
    const notUtf8 = await pack(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(await refusal(decodeDoc(notUtf8))).toMatch(/not UTF-8/);
    expect(await refusal(decodeCode(notUtf8))).toMatch(/not UTF-8/);
    expect(await refusal(decodeDoc(await packText("{nodes: []}")))).toMatch(/not valid JSON/);
  });

  test("JSON that is not a document says what is wrong with it", async () => {
    const v3 = await packText(JSON.stringify({ version: 3, nodes: [] }));
    expect(await refusal(decodeDoc(v3))).toMatch(
      /cannot be opened: this graph is document version 3, from a newer playground/,
    );
    const op = await packText(JSON.stringify({ version: 1, nodes: [{ id: "a", op: "eval" }] }));
    expect(await refusal(decodeDoc(op))).toMatch(/unknown op: "eval"/);
  });
});

describe("sizes are checked before the work they bound", () => {
  test("a link longer than the limit is refused unread", async () => {
    const long = "A".repeat(MAX_ENCODED_CHARS + 1);
    expect(await refusal(decodeDoc(long))).toMatch(/too long/);
    expect(await refusal(decodeCode(long))).toMatch(/too long/);
  });

  test("a small link that inflates past the limit is stopped while inflating", async () => {
    const bomb = await pack(new Uint8Array(MAX_DECODED_BYTES + 1).fill(0x20));
    expect(bomb.length).toBeLessThan(10_000);
    expect(await refusal(decodeDoc(bomb))).toMatch(/too large/);
    const codeBomb = await pack(new Uint8Array(MAX_CODE_BYTES + 1).fill(0x20));
    expect(await refusal(decodeCode(codeBomb))).toMatch(/too large/);
  });

  test("too many nodes is the document's error, said in a short message", async () => {
    const nodes = Array.from({ length: MAX_NODES + 1 }, (_, i) => ({ id: `n${i}`, op: "tensor" }));
    const link = await packText(JSON.stringify({ version: 1, nodes }));
    expect(await refusal(decodeDoc(link))).toMatch(/too many nodes/);
  });
});

// A link as the version-1 page made it (before groups): a 2-layer-ish graph, x → linear →
// tanh → sum. Written out literally, so that a change to the decoder cannot re-make it.
const V1_LINK =
  "hdDdasMgFMDxdznXJ3K061p8kV2IDENkERLNNJZByLuPpK0JdGGXfvD765ngZmNywYPkCD40NoFUE7gGJPwAQhhAwmh9ChEQOlPb7nEyhOUqIWmEwUTTJ5AT3EyXLUilOFZC63nGB_bBD7X16MkJcQASO2PFNSpi4oxCo-JIWiNE-51dtOnzK5oG5Biz3bL1cbbeZ98uf2eJcayICSR2-q_VOW9NLMH7chdsS-90JeTXpej8kMdla53pOomagy7maHy7fcH4dueZ4l3eX73nazYr5b5QKfc7qQspFYxzetXu79Cznn8B";

describe("links made before groups (document version 1)", () => {
  test("open, upgraded to version 2 with no groups and every node as it was", async () => {
    const { doc, guessed } = await decodeDoc(V1_LINK);
    expect(doc.version).toBe(2);
    expect(doc.groups).toBeUndefined();
    expect(guessed).toBe(false);
    expect(doc.nodes.map((n) => [n.id, n.label, n.pos])).toEqual([
      ["x", "x", [0, 0]],
      ["W1", "W1", [0, 220]],
      ["b1", "b1", [0, 470]],
      ["linear1", "h", [380, 180]],
      ["tanh1", "a", [760, 180]],
      ["sum1", "loss", [1100, 180]],
    ]);
    expect(doc.nodes[3]!.inputs).toEqual(["x", "W1", "b1"]);
  });

  test("a group survives the link's round trip, collapsed state included", async () => {
    const { doc } = await decodeDoc(V1_LINK);
    const grouped: GraphDoc = {
      ...doc,
      groups: [{ id: "g1", label: "layer 1", nodes: ["W1", "b1", "linear1"], collapsed: true }],
    };
    const back = await decodeDoc(await encodeDoc(grouped));
    expect(back.doc).toEqual(grouped);
  });
});

import { expect, test } from "vitest";
import { validateDoc } from "../document/validate";
import { STARTERS } from "./gallery";

test.each(STARTERS.map((s) => [s.id, s] as const))(
  "starter %s is a valid document with one output",
  (_, s) => {
    expect(validateDoc(s.doc)).toEqual(s.doc);
    const read = new Set(s.doc.nodes.flatMap((n) => n.inputs ?? []));
    expect(s.doc.nodes.filter((n) => !read.has(n.id))).toHaveLength(1);
  },
);

test("starters have distinct ids", () => {
  expect(new Set(STARTERS.map((s) => s.id)).size).toBe(STARTERS.length);
});

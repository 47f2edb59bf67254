import { describe, expect, test } from "vitest";
import { parseHash } from "../share/hash";
import { findLesson, LESSON_PREFIX, LESSONS } from "./lessons";

/** What #lesson=<id> opens: the route the address gives, then the lesson it names. */
function open(hash: string) {
  const route = parseHash(hash);
  if (route.kind !== "lesson") throw new Error(`not a lesson route: ${route.kind}`);
  return findLesson(route.id);
}

describe("one lesson system", () => {
  test("every lesson, the regression one included, opens by its own link", () => {
    const ids = LESSONS.map((l) => l.id);
    expect(ids).toContain("regression");
    expect(new Set(ids).size).toBe(ids.length);
    for (const lesson of LESSONS) expect(open(`${LESSON_PREFIX}${lesson.id}`)).toEqual({ lesson });
  });

  test("a lesson that trains carries its own settings", () => {
    const found = open("#lesson=regression");
    expect("lesson" in found && found.lesson.train).toEqual({ node: "loss", lr: 0.01, steps: 100 });
    const trained = LESSONS.filter((l) => l.train).map((l) => l.id);
    expect(trained).toEqual([
      "regression",
      "line-sgd",
      "softmax-blobs",
      "mlp-spirals",
      "vanishing-gradients",
    ]);
    const spirals = open("#lesson=mlp-spirals");
    expect("lesson" in spirals && spirals.lesson.train?.optimizer).toEqual({ name: "adam" });
  });

  test("an unknown name says so and lists every lesson", () => {
    const found = open("#lesson=bogus");
    expect(found).toEqual({
      problem: `There is no lesson called "bogus". The lessons are: ${LESSONS.map((l) => l.id).join(", ")}.`,
    });
    expect(open("#lesson=")).toMatchObject({
      problem: expect.stringMatching(/^There is no lesson without a name\. .*regression, .*\.$/),
    });
  });

  test("a name is quoted escaped, so it cannot hide or reorder the message", () => {
    const found = open(`#lesson=${encodeURIComponent('a"\u202eb')}`);
    expect(found).toMatchObject({
      problem: expect.stringContaining('called "a\\"\\u202eb".'),
    });
  });
});

import { expect, test } from "vitest";

test("the page's own actions load: no shortcut is claimed twice", async () => {
  const registry = await import("./registry");
  expect(registry.getAction("backward").label).toBe("Backward");
});

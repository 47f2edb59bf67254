import { expect, test } from "vitest";

test("the page's own actions load: no shortcut is claimed twice", async () => {
  const registry = await import("./registry");
  expect(registry.getAction("backward").label).toBe("Backward");
});

test("an action's label and title follow the page's language", async () => {
  const registry = await import("./registry");
  const { i18n } = await import("../i18n");
  await i18n.changeLanguage("zh-CN");
  try {
    expect(registry.getAction("backward").label).toBe("反向传播");
    expect(registry.getAction("zeroGrad").label).toBe("梯度清零");
  } finally {
    await i18n.changeLanguage("en");
  }
});

import { expect, test } from "vitest";
import { placeCard } from "./place";

const view = { width: 1280, height: 800 };
const card = { width: 300, height: 150 };

test("below a target near the top, aligned with its left edge", () => {
  expect(placeCard({ left: 100, top: 10, width: 80, height: 30 }, card, view)).toEqual({
    left: 100,
    top: 52,
  });
});

test("above a target near the bottom; clamped inside on the right", () => {
  expect(placeCard({ left: 1200, top: 700, width: 60, height: 30 }, card, view)).toEqual({
    left: 1280 - 300 - 8,
    top: 700 - 12 - 150,
  });
});

test("to the right of a full-height target (the palette)", () => {
  expect(placeCard({ left: 0, top: 0, width: 200, height: 800 }, card, view)).toEqual({
    left: 212,
    top: 12,
  });
});

test("centred without a visible target", () => {
  expect(placeCard(null, card, view)).toEqual({ left: 490, top: 325 });
  expect(placeCard({ left: 0, top: 0, width: 0, height: 0 }, card, view)).toEqual({
    left: 490,
    top: 325,
  });
});

test("a card wider than the window stays at the margin", () => {
  expect(placeCard(null, { width: 500, height: 100 }, { width: 390, height: 800 }).left).toBe(8);
});

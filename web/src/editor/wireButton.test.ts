import { describe, expect, it } from "vitest";
import { besideMiddle } from "./wireButton";

describe("besideMiddle: a wire's delete button off its middle", () => {
  it("sits above a level wire's middle, `gap` away", () => {
    expect(besideMiddle("M0,0 C50,0 50,0 100,0", 22)).toEqual([50, -22]);
  });

  it("sits square to a sloping wire, on its upper side", () => {
    // A straight diagonal drawn as a bezier: its middle is (50, 50), its direction (1, 1).
    const [x, y] = besideMiddle("M0,0 C25,25 75,75 100,100", 10)!;
    expect(x).toBeCloseTo(50 + 10 / Math.SQRT2);
    expect(y).toBeCloseTo(50 - 10 / Math.SQRT2);
    // Drawn the other way, the button stays above it.
    const [x2, y2] = besideMiddle("M100,100 C75,75 25,25 0,0", 10)!;
    expect(x2).toBeCloseTo(x);
    expect(y2).toBeCloseTo(y);
  });

  it("sits left of a wire going straight down, and refuses other paths", () => {
    expect(besideMiddle("M0,0 C0,30 0,70 0,100", 5)).toEqual([-5, 50]);
    expect(besideMiddle("M0,0 L100,0", 5)).toBeNull();
  });
});

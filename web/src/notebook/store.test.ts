import { beforeEach, describe, expect, it } from "vitest";
import {
  codeForShare,
  finishCell,
  isRunning,
  replaceCells,
  rerunCell,
  setDraft,
  startCell,
  useCode,
} from "./store";

describe("an opened notebook's cells", () => {
  beforeEach(() => {
    useCode.setState({ cells: [], draft: "" });
  });

  it("wait unrun, keep their stored outputs, and run again in their place", () => {
    startCell(1, "typed = 1");
    replaceCells(
      [
        { kind: "markdown", source: "# Notes", stored: [] },
        {
          kind: "code",
          source: "x = 2\nx",
          stored: [{ output_type: "stream", name: "stdout", text: "2\n" }],
        },
      ],
      null,
    );
    const [md, code] = useCode.getState().cells;
    expect(useCode.getState().cells).toHaveLength(2);
    expect(md).toMatchObject({ kind: "markdown", n: null, stored: null });
    expect(code).toMatchObject({ kind: "code", n: null, output: "", error: null });
    expect(code!.stored).toEqual([{ output_type: "stream", name: "stdout", text: "2\n" }]);
    expect(useCode.getState().cells.some(isRunning)).toBe(false);

    rerunCell(code!.id, 7);
    expect(useCode.getState().cells[1]).toMatchObject({ id: code!.id, n: 7, output: null });
    finishCell(code!.id, { output: "2\n", error: null, line: null });
    expect(useCode.getState().cells[1]).toMatchObject({ id: code!.id, n: 7, output: "2\n" });
    expect(useCode.getState().cells[1]!.stored).toHaveLength(1);
  });

  it("share their code, not their markdown", () => {
    replaceCells(
      [
        { kind: "markdown", source: "# Notes", stored: [] },
        { kind: "code", source: "x = 2\n", stored: [] },
      ],
      null,
    );
    setDraft("x + 1");
    expect(codeForShare()).toBe("x = 2\n\nx + 1");
  });
});

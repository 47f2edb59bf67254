"""Code cells, run like a notebook: `import torch` gives the engine, state carries over.

Each cell shows what a notebook shows: what it printed (warnings included, as Python prints
them), then the repr of its last expression unless that is None, or, when it fails, the
error as `Type: message` after whatever it printed before failing. The code really runs
(loops, ifs, functions), so it is the user's own code in the user's own page: nothing from
a share link runs until the person presses Run (the page's rule).
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import types
import warnings
from typing import Any, TextIO

from .._unsupported import unsupported


class Notebook:
    def __init__(self, torch_module: types.ModuleType | None = None) -> None:
        if torch_module is None:
            import py_engine

            torch_module = py_engine
        self.torch: types.ModuleType = torch_module
        self.cells = 0
        # torch.set_default_dtype is process-wide; the cells keep theirs here, from one cell
        # to the next as in a notebook, and the rest of the session stays in float32
        self.default_dtype = torch_module.float32
        self.namespace: dict[str, Any] = {
            "__name__": "__main__",
            "__builtins__": self._builtins(),
        }

    def _builtins(self) -> dict[str, Any]:
        """The real builtins, but `import torch...` resolves to this notebook's torch."""
        real_import = builtins.__import__
        torch_name = self.torch.__name__

        def notebook_import(name: str, globals: Any = None, locals: Any = None,
                            fromlist: Any = (), level: int = 0) -> Any:  # fmt: skip
            if level != 0 or not (name == "torch" or name.startswith("torch.")):
                return real_import(name, globals, locals, fromlist, level)
            try:
                module = real_import(torch_name + name[len("torch") :], globals, locals,
                                     fromlist, level)  # fmt: skip
            except ModuleNotFoundError as e:
                # `from torch.distributions import ...`: the playground's refusal, in the
                # learner's names (not "No module named 'py_engine.distributions'")
                if e.name and e.name.startswith(torch_name + "."):
                    raise unsupported("torch" + e.name[len(torch_name) :]) from None
                raise
            for attr in fromlist or ():
                if attr != "*":
                    getattr(module, attr)  # `from torch import fft` says fft is not here
            return module

        table = dict(vars(builtins))
        table["__import__"] = notebook_import
        return table

    def run(self, code: str) -> dict[str, Any]:
        """Run one cell: {"output": text, "error": "Type: message" or None, "line": the
        cell's line the error was raised from (1-based), or None}."""
        out = io.StringIO()
        error: str | None = None
        line: int | None = None
        # Each run is its own "file", as in Jupyter, so a warning shows once per cell run.
        self.cells += 1
        filename = f"<cell {self.cells}>"
        try:
            tree = ast.parse(code, filename, "exec")
        except SyntaxError as e:
            return {
                "output": "",
                "error": f"SyntaxError: {e.msg} (line {e.lineno})",
                "line": e.lineno,
            }
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body[-1].value)
            tree.body.pop()
        session_dtype = self.torch.get_default_dtype()
        self.torch.set_default_dtype(self.default_dtype)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out), _show_warnings(out):
            try:
                exec(compile(tree, filename, "exec"), self.namespace)
                if last is not None:
                    value = eval(compile(last, filename, "eval"), self.namespace)
                    if value is not None:
                        print(repr(value))
            except KeyboardInterrupt:
                error = "KeyboardInterrupt: stopped"
            except BaseException as e:  # the cell's own error, shown like a notebook
                error = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
                line = _cell_line(e, filename)
            finally:
                self.default_dtype = self.torch.get_default_dtype()
                self.torch.set_default_dtype(session_dtype)
        return {"output": out.getvalue(), "error": error, "line": line}


def _cell_line(e: BaseException, filename: str) -> int | None:
    """The line of the cell that the error came through last: where the learner's own code
    called into what failed (a function the cell defined counts as the cell's)."""
    line = None
    tb = e.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


@contextlib.contextmanager
def _show_warnings(out: io.StringIO) -> Any:
    """Warnings printed into the cell's output, each once per place, as Python does."""

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        out.write(f"{category.__name__}: {message}\n")

    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = show
        yield

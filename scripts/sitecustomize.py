"""Shipped as sitecustomize.pyc in the page's python_stdlib.zip (scripts/compile_boot.mjs), so
Python's `site` runs it at every start of the page's Python, the snapshot's included.

Python 3.12's zipimporter.invalidate_caches() re-reads its archive's whole table of contents,
eagerly, in Python; a start has one zipimporter per standard package imported (about 17), all
for the one standard library zip, and Pyodide's package loader calls
importlib.invalidate_caches() after every install. That re-read 17 times the same archive,
which never changes while the page's Python runs (the page serves it; nothing writes it): 80 to
200 ms of a start, measured (docs/performance.md). The standard library's zipimporters now keep
their table; every other zipimporter re-reads as before.
"""

import zipimport

_STANDARD_LIBRARY = __loader__.archive  # the zip this module came from
_reread = zipimport.zipimporter.invalidate_caches


def _invalidate_caches(self: zipimport.zipimporter) -> None:
    if self.archive != _STANDARD_LIBRARY:
        _reread(self)


zipimport.zipimporter.invalidate_caches = _invalidate_caches

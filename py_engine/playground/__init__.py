"""The playground's service: what the page's engine worker runs, on top of the library.

`session.py` is the entry point (one request per user action, docs/engine-protocol.md);
graph documents are read by `document.py`, checked against `node_types.py`, planned and
run by `plan.py`, described as JSON by `wire.py` and `trace.py`, and written as PyTorch by
`export.py`; code cells run in `notebook.py` and their graphs are read by `codegraph.py`.
The library (everything in py_engine outside this package) never imports it.
"""

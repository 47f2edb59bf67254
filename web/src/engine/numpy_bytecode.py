# Run by the engine's worker (worker.ts, `?raw`) after Pyodide installed numpy and before
# anything imports it; tests/test_pyodide.py runs this same file. Puts the bytecode of
# pyodide/numpy-pyc.zip (scripts/compile_boot.mjs) where importlib looks for it,
# site-packages/numpy/**/__pycache__/, and returns "" or why it did not.


def _install_numpy_bytecode(path: str) -> str:
    import hashlib
    import importlib.util
    import json
    import pathlib
    import zipfile

    spec = importlib.util.find_spec("numpy")
    if spec is None or not spec.submodule_search_locations:
        return "numpy is not installed"
    site = pathlib.Path(spec.submodule_search_locations[0]).parent
    with zipfile.ZipFile(path) as archive:
        # Only for the numpy it was compiled from: the sha256 of that wheel's RECORD (which
        # lists every file's hash) against the installed one's.
        key = json.loads(archive.comment)
        record = site / key["record"]
        if not record.is_file():
            return f"made for another numpy ({key['record']})"
        if hashlib.sha256(record.read_bytes()).hexdigest() != key["record_sha256"]:
            return f"made for another numpy (its {key['record']} differs)"
        # Every member read (CRC-checked) before any is written: a damaged archive must not
        # leave a cut .pyc, which Python would load unchecked.
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    for name, data in members.items():
        if not name.startswith("numpy/") or ".." in name or not name.endswith(".pyc"):
            return f"unexpected member {name}"
        if data[:4] != importlib.util.MAGIC_NUMBER:
            return f"{name} is not this Python's bytecode"
    for name, data in members.items():
        target = site / name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(data)
    return ""

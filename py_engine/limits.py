"""Size limits for untrusted documents, checked before any work is done."""

MAX_DOC_CHARS = 2_000_000
MAX_NODES = 2_000
MAX_ELEMENTS = 100_000

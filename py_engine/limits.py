"""Size limits for untrusted documents, checked before any work is done."""

MAX_DOC_CHARS = 2_000_000
MAX_NODES = 2_000
# Any tensor a document holds or makes: params (document.check_param) and every node's
# result, worked out from shapes before anything runs (session.size_shapes).
MAX_ELEMENTS = 100_000

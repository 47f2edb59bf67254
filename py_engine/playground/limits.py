"""Size limits for untrusted documents, checked before any work is done."""

# A request as the page sends it (JSON.stringify), in UTF-16 code units: session.handle_json.
MAX_DOC_CHARS = 2_000_000
MAX_NODES = 2_000
# Any tensor a document holds or makes: params (document.check_param) and every node's
# result, worked out from shapes before anything runs (plan.size_shapes).
MAX_ELEMENTS = 100_000

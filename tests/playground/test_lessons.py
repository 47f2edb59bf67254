"""Lessons (lessons/lessons.json) can never teach a wrong number: every check of every lesson
runs through real PyTorch (the reference interpreter of documents, or the lesson's code cells
in a torch notebook) and through the engine's Session, and both must print what the lesson
states. Every tensor(...) the text quotes must also be one of its checked values. A lesson with
training settings (`train`: the loss node, lr, steps) checks a whole run: every step's loss and
the trained values, in torch's loop as a person writes it and in the engine's `train`.

Each lesson's title and text also exist in Simplified Chinese (`translations`), over the same
graph and the same checks: the Chinese text quotes the same tensors and states the same numbers
as the English one, so it is held to the checks as the English is."""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
import torch

import numpy as np
from difftest import within_ulps
from docref import Notebook as TorchDocs
from docref import assert_response
from py_engine.playground import datasets
from py_engine.playground.notebook import Notebook
from py_engine.playground.session import Session
from test_training_export import printed_by_torch

LESSONS = json.loads(
    (Path(__file__).resolve().parents[2] / "lessons" / "lessons.json").read_text("utf-8")
)["lessons"]
REQUIRED = {"gradient", "accumulation", "non-scalar", "detach", "no-grad", "retain-graph",
            "control-flow", "matrix-calculus", "regression", "line-sgd", "softmax-blobs",
            "mlp-spirals", "vanishing-gradients"}  # fmt: skip
# The languages a lesson is translated into, besides English (the lesson's own fields), and
# the fields the page shows as text: everything else (graph, code, checks) is shared.
TRANSLATED = ("zh-CN",)
# A run on a dataset carries matmul rounding over its steps (test_training_export.py).
TRAIN_ULPS = 64
TEXT_FIELDS = {"title", "text"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def texts(lesson: dict[str, Any]) -> dict[str, str]:
    """The lesson's text in each language it has, English first."""
    found = {"en": lesson["text"]}
    for lang, fields in lesson.get("translations", {}).items():
        found[lang] = fields.get("text", "")
    return found


TEXTS = [(lesson, lang) for lesson in LESSONS for lang in ("en", *TRANSLATED)]


def test_lessons_are_well_formed() -> None:
    ids = [lesson["id"] for lesson in LESSONS]
    assert len(ids) == len(set(ids)), "lesson ids must be unique (they are link names)"
    assert REQUIRED <= set(ids)
    for lesson in LESSONS:
        assert re.fullmatch(r"[a-z0-9-]+", lesson["id"]), lesson["id"]
        assert lesson["title"] and lesson["text"] and lesson["checks"], lesson["id"]
        sentences = re.split(r"(?<=[.:!?])\s+(?=[A-Z])", lesson["text"])
        assert len(sentences) <= 4, f"{lesson['id']}: keep the text to two or three sentences"
        for lang in TRANSLATED:
            fields = lesson.get("translations", {}).get(lang)
            assert fields is not None, f"{lesson['id']}: no {lang} translation"
            assert set(fields) == TEXT_FIELDS, f"{lesson['id']}: {lang} has {sorted(fields)}"
            for key in TEXT_FIELDS:
                assert CJK.search(fields[key]), f"{lesson['id']}: {lang} {key} is not Chinese"
            assert fields["text"].count("。") <= 4, f"{lesson['id']}: {lang} text too long"
        assert set(lesson.get("translations", {})) == set(TRANSLATED), lesson["id"]
        trains = any(check["action"] == "train" for check in lesson["checks"])
        assert trains == ("train" in lesson), f"{lesson['id']}: a train check needs settings"
        if "train" in lesson:
            # the card's Train button and the toolbar's fields show these
            t = lesson["train"]
            assert {"node", "lr", "steps"} <= set(t) <= {"node", "lr", "steps", "optimizer"}, t
            assert f"lr {t['lr']}, {t['steps']} steps" in lesson["text"], lesson["id"]
            zh = lesson["translations"]["zh-CN"]["text"]
            assert f"lr {t['lr']}，{t['steps']} 步" in zh, lesson["id"]
            # the page's Train runs on the graph's only output when nothing is selected
            used = {i for n in lesson["doc"]["nodes"] for i in n.get("inputs", [])}
            outputs = [n["id"] for n in lesson["doc"]["nodes"] if n["id"] not in used]
            assert outputs == [t["node"]], f"{lesson['id']}: Train would ask which node"
        if "swap" in lesson:
            # the card's button names both ops; the text tells the person to press it
            label = {"en": "Change {from} to {to}", "zh-CN": "把 {from} 换成 {to}"}
            for lang, text in texts(lesson).items():
                assert label[lang].format(**lesson["swap"]) in text, (lesson["id"], lang)


def stated(lesson: dict[str, Any]) -> set[str]:
    """Every printed value the checks pin down."""
    out: set[str] = set()
    for check in lesson["checks"]:
        for key in ("expect", "values"):
            out.update(check.get(key, {}).values())
        if "output" in check:
            out.update(check["output"].splitlines())
    return out


def quoted(text: str) -> list[str]:
    """The tensor(...) texts a lesson text quotes, in order."""
    return re.findall(r"tensor\([^()]*(?:\([^()]*\)[^()]*)*\)", text)


def numbers(text: str) -> list[str]:
    """Every number a lesson text states (4, 0.85, 9e-13, the 32 of float32), sorted."""
    return sorted(re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", text))


@pytest.mark.parametrize(
    ("lesson", "lang"), TEXTS, ids=lambda v: v if isinstance(v, str) else v["id"]
)
def test_every_tensor_the_text_quotes_is_checked(lesson: dict[str, Any], lang: str) -> None:
    found = set(quoted(texts(lesson)[lang]))
    assert found <= stated(lesson), f"{lesson['id']} ({lang}): unchecked {found - stated(lesson)}"


@pytest.mark.parametrize(("lesson", "lang"), [(les, lang) for les, lang in TEXTS if lang != "en"],
                         ids=lambda v: v if isinstance(v, str) else v["id"])  # fmt: skip
def test_a_translation_states_the_numbers_the_english_text_states(
    lesson: dict[str, Any], lang: str
) -> None:
    """Numbers and tensor text stay verbatim in a translation: the same tensors quoted in the
    same order, the same numbers, no more and no fewer (so a translation cannot state a number
    that the checks or the English text do not)."""
    en, other = lesson["text"], texts(lesson)[lang]
    assert quoted(other) == quoted(en), f"{lesson['id']} ({lang}): quoted tensors differ"
    assert numbers(other) == numbers(en), f"{lesson['id']} ({lang}): numbers differ"


def _grad_fn(t: torch.Tensor) -> str | None:
    return t.grad_fn.name() if t.grad_fn is not None else None


def _torch_grad(t: torch.Tensor) -> str:
    return repr(t.grad)


def reads_data(lesson: dict[str, Any]) -> bool:
    return any(n["op"] == "dataset" for n in lesson["doc"]["nodes"])


def check_data_lesson(lesson: dict[str, Any]) -> None:
    """A lesson that trains on a dataset node: its run exported by Copy as PyTorch (the
    dataset code, nn.Linear layers, torch.optim and a seeded DataLoader) and run with real
    torch gives the figures the engine's `train` answers, and each figure the text states is
    torch's, rounded to the digits stated."""
    (check,) = lesson["checks"]
    t = lesson["train"]
    optimizer = {**t.get("optimizer", {"name": "sgd"}), "lr": t["lr"]}
    request = {"doc": lesson["doc"], "node": t["node"], "optimizer": optimizer,
               "steps": t["steps"]}  # fmt: skip
    exported = Session().handle({"action": "export", **request})
    assert exported["ok"], exported["error"]
    said = printed_by_torch(exported["script"])
    torch_figures = {"last_loss": said["last"][0], "train_loss": said["train"][0],
                     "test_loss": said["test"][0]}  # fmt: skip
    if len(said["train"]) > 1:
        torch_figures |= {"train_accuracy": said["train"][1], "test_accuracy": said["test"][1]}
    trained = Session().handle({"action": "train", **request})
    assert trained["ok"], trained["error"]
    engine = {"last_loss": trained["losses"][-1], **trained["data"]}
    losses = [k for k in torch_figures if k.endswith("loss")]
    within_ulps(np.array([torch_figures[k] for k in losses], np.float32),
                np.array([engine[k] for k in losses], np.float32), "torch.float32", TRAIN_ULPS,
                f"{lesson['id']}: {losses}")  # fmt: skip
    for key in torch_figures:
        if key.endswith("accuracy"):
            assert engine[key] == torch_figures[key], f"{lesson['id']}: {key}"
    for key, text in check["figures"].items():
        # as the boundary panel shows them: an accuracy in percent, a loss as a number
        number, percent = text.removesuffix("%"), text.endswith("%")
        digits = len(number.partition(".")[2])
        value = torch_figures[key] * (100 if percent else 1)
        assert f"{value:.{digits}f}" == number, f"{lesson['id']}: torch's {key} is {value}"
        for lang, lesson_text in texts(lesson).items():
            assert text in lesson_text, f"{lesson['id']} ({lang}) does not state {key} {text}"


def swapped(doc: dict[str, Any], swap: dict[str, str]) -> dict[str, Any]:
    """The graph after the lesson card's "Change <from> to <to>": every such op replaced."""
    nodes = [{**n, "op": swap["to"]} if n["op"] == swap["from"] else n for n in doc["nodes"]]
    assert nodes != doc["nodes"], f"no {swap['from']} node to change"
    return {**doc, "nodes": nodes}


def torch_weight_grad_norms(doc: dict[str, Any], t: dict[str, Any]) -> dict[str, list[float]]:
    """The lesson's MLP run in torch as a person writes it: nn.Linear layers made in document
    order after torch.manual_seed, the dataset's seeded DataLoader, torch.optim.SGD, and each
    step forward, backward, the weights' grad norms, step, zero_grad. The graph must be a
    chain dataset -> (linear -> activation)* -> linear -> loss, read node by node."""
    nodes = {n["id"]: n for n in doc["nodes"]}
    data = next(n for n in doc["nodes"] if n["op"] == "dataset")["params"]
    weights = [
        n for n in doc["nodes"] if n["op"] == "parameter" and n["params"]["role"] == "weight"
    ]
    (seed,) = {n["params"]["seed"] for n in doc["nodes"] if n["op"] == "parameter"}
    torch.manual_seed(seed)
    layers = {w["id"]: torch.nn.Linear(w["params"]["in_features"], w["params"]["out_features"])
              for w in weights}  # fmt: skip
    # the chain, from the loss back to the dataset
    steps: list[tuple[str, str]] = []  # (op, weight id or "")
    at = nodes[nodes[t["node"]]["inputs"][0]]
    while at["op"] != "dataset":
        if at["op"] == "linear":
            x, w, b = at["inputs"]
            assert nodes[b]["params"]["role"] == "bias", at["id"]
            steps.append(("linear", w))
        else:
            (x,) = at["inputs"]
            steps.append((at["op"], ""))
        at = nodes[x]
    steps.reverse()
    split = datasets.make(torch, data["name"], data["n"], data["noise"], data["seed"],
                          data["test_fraction"])  # fmt: skip
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(split.X_train, split.y_train),
        batch_size=data["batch_size"], shuffle=True,
        generator=torch.Generator().manual_seed(data["seed"]))  # fmt: skip
    assert t.get("optimizer", {"name": "sgd"}) == {"name": "sgd"}, "an SGD lesson"
    optimizer = torch.optim.SGD([p for layer in layers.values() for p in layer.parameters()],
                                lr=t["lr"])  # fmt: skip
    loss_fn = getattr(torch.nn.functional, nodes[t["node"]]["op"])
    norms: dict[str, list[float]] = {w: [] for w in layers}
    batches = (batch for _ in itertools.count() for batch in loader)
    for X, y in itertools.islice(batches, t["steps"]):
        h = X
        for op, w in steps:
            h = layers[w](h) if op == "linear" else getattr(torch, op)(h)
        loss_fn(h, y).backward()
        for w, layer in layers.items():
            assert layer.weight.grad is not None
            norms[w].append(layer.weight.grad.norm().item())
        optimizer.step()
        optimizer.zero_grad()
    return norms


def one_digit(x: float) -> str:
    """A norm as the lesson states it: one significant digit, 2e-6 (not 2e-06)."""
    mantissa, _, exponent = f"{x:.0e}".partition("e")
    return f"{mantissa}e{int(exponent)}"


DECADES = {"en": {1: "one decade", 4: "four decades"}, "zh-CN": {1: "一个数量级", 4: "四个数量级"}}


def check_grad_norm_lesson(lesson: dict[str, Any]) -> None:
    """A lesson read from the gradient-norm chart: at the run's last step, each weight's grad
    norm the engine's `train` gives is torch's (within a rounding carried over the steps),
    and the lesson's texts state torch's, to one significant digit; the norms grow layer by
    layer from the first to the last, and they lie as many decades apart as the texts say.
    A check marked `swapped` runs the graph after the card's "Change <from> to <to>", from
    freshly drawn weights (the button resets them)."""
    t = lesson["train"]
    for check in lesson["checks"]:
        doc = swapped(lesson["doc"], lesson["swap"]) if check.get("swapped") else lesson["doc"]
        where = f"{lesson['id']} ({'swapped' if check.get('swapped') else 'as opened'})"
        want = torch_weight_grad_norms(doc, t)
        got = Session().handle({"action": "train", "doc": doc, "node": t["node"],
                                "optimizer": {**t["optimizer"], "lr": t["lr"]},
                                "steps": t["steps"]})  # fmt: skip
        assert got["ok"], got["error"]
        engine = {w: got["grad_norms"][w] for w in want}
        for w in want:
            assert len(engine[w]) == len(want[w]) == t["steps"], where
            # matmul's BLAS paths differ in the last bits, and 30 steps carry that on
            for step, (g, tw) in enumerate(zip(engine[w], want[w]), 1):
                assert math.isclose(g, tw, rel_tol=1e-3), (where, w, step, g, tw)
        last = [want[w][-1] for w in want]
        assert last == sorted(last), f"{where}: the norms do not grow towards the last layer"
        for w, stated_norm in check["grad_norms"].items():
            assert one_digit(want[w][-1]) == stated_norm, f"{where}: torch's {w} is {want[w][-1]}"
            assert one_digit(engine[w][-1]) == stated_norm, f"{where}: engine {w} {engine[w][-1]}"
        first, final = (want[w][-1] for w in check["grad_norms"])
        decades = round(math.log10(final / first))
        for lang, text in texts(lesson).items():
            for stated_norm in check["grad_norms"].values():
                assert stated_norm in text, f"{where} ({lang}) does not state {stated_norm}"
            assert DECADES[lang][decades] in text, f"{where} ({lang}): {decades} decades"


def check_doc_lesson(lesson: dict[str, Any]) -> None:
    if any("grad_norms" in check for check in lesson["checks"]):
        check_grad_norm_lesson(lesson)
        return
    if reads_data(lesson):
        check_data_lesson(lesson)
        return
    doc = lesson["doc"]
    ref, session = TorchDocs(), Session()
    for i, check in enumerate(lesson["checks"]):
        where = f"{lesson['id']} check {i} ({check['action']})"
        # A step that ticks or unticks a node's switch first (no_grad, retain_grad), as the
        # text tells the person to; the graph keeps it for the checks after.
        if "flags" in check:
            doc = with_flags(doc, check["flags"])
        request: dict[str, Any] = {"action": check["action"], "doc": doc}
        if check["action"] == "backward":
            fresh, retain = check.get("fresh", True), check.get("retain_graph", False)
            request.update(node=check["node"], fresh=fresh, retain_graph=retain)
            error = ref.backward(doc, check["node"], fresh, retain)
        elif check["action"] == "zero_grad":
            error = ref.zero_grad(doc)
        elif check["action"] == "evaluate":
            error = ref.evaluate(doc)
        elif check["action"] == "train":
            t = lesson["train"]
            request.update(node=t["node"], lr=t["lr"], steps=t["steps"])
            losses, error = ref.train(doc, t["node"], t["lr"], t["steps"]), None
        else:
            raise AssertionError(f"{where}: unknown action")
        response = session.handle(request)
        if check["action"] == "train":
            check_losses(response, losses, check["losses"], where)
        # the engine prints what torch prints, node by node ...
        assert_response(response, ref, error)
        # ... and both print what the lesson says
        assert error == check.get("error"), where
        cell = ref.cell
        assert cell is not None
        for name, text in check.get("expect", {}).items():
            assert _torch_grad(cell[name]) == text, f"{where}: torch {name}.grad"
            assert response["nodes"][name]["grad"] == text, f"{where}: engine {name}.grad"
        for name, text in check.get("values", {}).items():
            assert repr(cell[name]) == text, f"{where}: torch {name}"
            assert response["nodes"][name]["value"] == text, f"{where}: engine {name}"
        for name, fn in check.get("grad_fn", {}).items():
            assert _grad_fn(cell[name]) == fn, f"{where}: torch {name}.grad_fn"
            assert response["nodes"][name]["grad_fn"] == fn, f"{where}: engine {name}.grad_fn"
        for name, number in check.get("data", {}).items():
            assert _tensor(cell[name]).tolist() == number, f"{where}: torch {name}"
            assert response["nodes"][name]["data"] == number, f"{where}: engine {name}"


def with_flags(doc: dict[str, Any], flags: dict[str, dict[str, bool]]) -> dict[str, Any]:
    nodes = [{**n, **flags.get(n["id"], {})} for n in doc["nodes"]]
    assert {n["id"] for n in doc["nodes"]} >= set(flags), f"flags for unknown nodes {flags}"
    return {**doc, "nodes": nodes}


def _tensor(t: torch.Tensor | str) -> torch.Tensor:
    assert isinstance(t, torch.Tensor), t
    return t


def check_losses(
    response: dict[str, Any], losses: list[float], stated: dict[str, Any], where: str
) -> None:
    """Every step's loss in the engine is torch's, and the run goes as the lesson says: from
    `first`, falling at every step until `steady_from_step`, then staying at `last`."""
    # Exact on any CPU for the training lessons there are: products of given floats and
    # 4-element sums, which every one of torch's vector paths reduces in the same scalar order
    # (scripts/cpu_paths.py runs it). A lesson with longer sums would compare within ulps.
    assert response["losses"] == losses, f"{where}: engine losses"
    assert losses[0] == stated["first"], f"{where}: first loss"
    assert losses[-1] == stated["last"], f"{where}: last loss"
    steady = stated["steady_from_step"] - 1
    assert all(b < a for a, b in zip(losses[: steady + 1], losses[1 : steady + 1])), where
    assert losses[steady:] == [stated["last"]] * (len(losses) - steady), where


def check_code_lesson(lesson: dict[str, Any]) -> None:
    theirs, session = Notebook(torch), Session()
    for i, check in enumerate(lesson["checks"]):
        assert check["action"] == "run_cell", f"{lesson['id']}: code lessons check cells"
        code = lesson["code"][check["cell"]]
        want = theirs.run(code)
        got = session.handle({"action": "run_cell", "code": code})
        where = f"{lesson['id']} check {i}"
        assert {k: got[k] for k in want} == want, where
        assert want["output"] == check["output"], f"{where}: torch printed {want['output']!r}"
        assert want["error"] == check.get("error"), where


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["id"])
def test_lesson_numbers_are_what_torch_and_the_engine_print(lesson: dict[str, Any]) -> None:
    if lesson.get("code"):
        check_code_lesson(lesson)
    else:
        check_doc_lesson(lesson)
    # the graph opens without a node error
    response = Session().handle({"action": "evaluate", "doc": lesson["doc"]})
    assert response["ok"], response["error"]
    assert all(n["error"] is None for n in response["nodes"].values()), lesson["id"]


REGRESSION = next(lesson for lesson in LESSONS if lesson["id"] == "regression")
(TRAINED,) = REGRESSION["checks"]


@pytest.mark.parametrize(
    "stated",
    [
        ("30", TRAINED["losses"]["first"]),
        ("9e-13", TRAINED["losses"]["last"]),
        ("1.9999996", TRAINED["data"]["w"]),
        ("95", TRAINED["losses"]["steady_from_step"]),
    ],
    ids=["first loss", "last loss", "w", "steady from"],
)
def test_the_regression_text_states_the_checked_numbers(stated: tuple[str, float]) -> None:
    text, number = stated
    assert float(text) == pytest.approx(number, rel=0.02)
    for lang, lesson_text in texts(REGRESSION).items():
        assert text in lesson_text, lang
        assert TRAINED["values"]["w"] in lesson_text, lang
    assert re.search(r"lr 0\.01, 100 steps", REGRESSION["text"])
    assert re.search(r"lr 0\.01，100 步", texts(REGRESSION)["zh-CN"])
    assert REGRESSION["train"]["steps"] == 100

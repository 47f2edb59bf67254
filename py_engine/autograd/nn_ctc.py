"""F.ctc_loss's kernels (NN.np_ctc_loss, NN.ctc_loss_backward): ATen's CPU forward-backward
in log space, step for step (ctc_loss_cpu_template and its backward): each sample's alphas
over the blank-extended target, its negative log likelihood, the betas, and the gradient
exp(log_probs) - exp(log(alpha beta) + nll - log_probs) times the incoming gradient. Every
step is a float operation in the input's dtype, the sums of three in one log(exp + exp + exp)."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import formulas as F


def _extended(target: np.ndarray, blank: int) -> np.ndarray:
    """The target with a blank before, between and after its labels (2 S + 1 of them)."""
    ext = np.full(2 * target.size + 1, blank, np.int64)
    ext[1::2] = target
    return ext


def _log3(a: Any, b: Any, c: Any) -> Any:
    """log(exp(a) + exp(b) + exp(c)) around their maximum (0 when all are -inf), as ATen's."""
    with np.errstate(invalid="ignore", over="ignore"):
        m = np.maximum(np.maximum(a, b), c)
        m = np.where(m == -np.inf, m.dtype.type(0), m)
        return np.log(np.exp(a - m) + np.exp(b - m) + np.exp(c - m)) + m


def _alphas(lp: np.ndarray, ext: np.ndarray, length: int) -> np.ndarray:
    neg = lp.dtype.type(-np.inf)
    la = np.full((lp.shape[0], ext.size), neg, lp.dtype)
    if length == 0:
        return la
    la[0, 0] = lp[0, ext[0]]
    if ext.size > 1:
        la[0, 1] = lp[0, ext[1]]
    skip = np.zeros(ext.size, bool)
    skip[2:] = ext[2:] != ext[:-2]
    for t in range(1, length):
        prev = la[t - 1]
        la2 = np.r_[neg, prev[:-1]]
        la3 = np.where(skip, np.r_[neg, neg, prev[:-2]], neg)
        la[t] = _log3(prev, la2, la3) + lp[t, ext]
    return la


def _nll(la: np.ndarray, length: int, target_length: int) -> Any:
    dt = la.dtype.type
    if length == 0:
        return dt(np.inf) if target_length else dt(0)
    last = la[length - 1]
    if target_length == 0:
        return -last[0]
    l1, l2 = last[2 * target_length], last[2 * target_length - 1]
    m = max(l1, l2)
    m = dt(0) if m == -np.inf else m
    with np.errstate(divide="ignore"):
        return -(np.log(np.exp(l1 - m) + np.exp(l2 - m)) + m)


def _targets(targets: np.ndarray, offsets: np.ndarray, lengths: np.ndarray, b: int) -> np.ndarray:
    if targets.ndim == 2:
        return targets[b, : lengths[b]]
    return targets[offsets[b] : offsets[b] + lengths[b]]


def np_ctc_loss(log_probs: np.ndarray, targets: np.ndarray, input_lengths: np.ndarray,
                target_lengths: np.ndarray, blank: int, offsets: np.ndarray, **_: Any) -> np.ndarray:  # fmt: skip
    out = np.empty(log_probs.shape[1], log_probs.dtype)
    for b in range(log_probs.shape[1]):
        ext = _extended(_targets(targets, offsets, target_lengths, b), blank)
        la = _alphas(log_probs[:, b], ext, int(input_lengths[b]))
        out[b] = _nll(la, int(input_lengths[b]), int(target_lengths[b]))
    return out


def ctc_loss_backward(grad: Any, log_probs: Any, targets: np.ndarray, input_lengths: np.ndarray,
                      target_lengths: np.ndarray, blank: int, offsets: np.ndarray,
                      result: Any, zero_infinity: bool) -> Any:  # fmt: skip
    g_out = np.asarray(F.data(grad))
    lps = np.asarray(F.data(log_probs))
    nlls = np.asarray(F.data(result))
    dt = lps.dtype.type
    neg = dt(-np.inf)
    out = np.zeros_like(lps)
    for b in range(lps.shape[1]):
        length, tl = int(input_lengths[b]), int(target_lengths[b])
        lp = lps[:, b]
        nll = nlls[b]
        if zero_infinity and nll == np.inf:
            continue
        ext = _extended(_targets(targets, offsets, target_lengths, b), blank)
        la = _alphas(lp, ext, length)
        lb = np.full_like(la, neg)
        lg = np.full(lp.shape, neg, lps.dtype)  # the gradient's log-sum per (t, class)
        if length > 0:
            last = length - 1
            lb[last, 2 * tl] = lp[last, blank]
            lg[last, blank] = la[last, 2 * tl] + lb[last, 2 * tl]
            if tl > 0:
                lb[last, 2 * tl - 1] = lp[last, ext[2 * tl - 1]]
                lg[last, ext[2 * tl - 1]] = la[last, 2 * tl - 1] + lb[last, 2 * tl - 1]
        top = 2 * tl
        skip = np.zeros(ext.size, bool)
        skip[: ext.size - 2] = ext[2:] != ext[:-2]
        for t in range(length - 2, -1, -1):
            nxt = lb[t + 1]
            lb2 = np.r_[nxt[1:], neg]
            lb3 = np.where(skip & (np.arange(ext.size) < top - 1), np.r_[nxt[2:], neg, neg], neg)
            lb2 = np.where(np.arange(ext.size) < top, lb2, neg)
            lb[t, : top + 1] = (_log3(nxt, lb2, lb3) + lp[t, ext])[: top + 1]
            ab = la[t] + lb[t]
            for s in range(top, -1, -1):  # into each class's sum, s from the top, as ATen
                c = ext[s]
                lcab = lg[t, c]
                if lcab == -np.inf:
                    lg[t, c] = ab[s]
                else:
                    m = max(lcab, ab[s])
                    with np.errstate(invalid="ignore"):
                        lg[t, c] = np.log(np.exp(lcab - m) + np.exp(ab[s] - m)) + m
        with np.errstate(over="ignore", invalid="ignore"):
            each = (np.exp(lp) - np.exp(lg + nll - lp)) * g_out[b]
        out[:length, b] = each[:length]
    return F._like(out, grad)

"""PyTorch's CPU sort and topk order ties as the C++ standard library it calls does:
`std::sort` (libstdc++'s introsort) for sort(stable=False), `std::partial_sort` or
`std::nth_element` then `std::sort` for topk. Which of several equal values comes first is
whatever those algorithms leave, and it is deterministic; these are their steps, on a list
of (value, index) pairs, compared by value only as PyTorch's comparators do (NaN largest).
Only rows with ties need this: without ties every correct sort gives the same indices."""

from __future__ import annotations

from collections.abc import Callable

_THRESHOLD = 16  # libstdc++'s _S_threshold
# Up to this many values std::sort is an insertion sort, which keeps ties in order.
INSERTION = _THRESHOLD

Item = tuple[float, int]
Less = Callable[[Item, Item], bool]


def _less_ascending(a: Item, b: Item) -> bool:
    x, y = a[0], b[0]
    return (x < y) or (y != y and x == x)


def _less_descending(a: Item, b: Item) -> bool:
    x, y = a[0], b[0]
    return (x > y) or (x != x and y == y)


def _lg(n: int) -> int:
    return n.bit_length() - 1


def _insertion_sort(v: list[Item], first: int, last: int, less: Less) -> None:
    for i in range(first + 1, last):
        val = v[i]
        if less(val, v[first]):
            v[first + 1 : i + 1] = v[first:i]
            v[first] = val
        else:
            j = i
            while less(val, v[j - 1]):
                v[j] = v[j - 1]
                j -= 1
            v[j] = val


def _unguarded_insertion_sort(v: list[Item], first: int, last: int, less: Less) -> None:
    for i in range(first, last):
        val = v[i]
        j = i
        while less(val, v[j - 1]):
            v[j] = v[j - 1]
            j -= 1
        v[j] = val


def _move_median_to_first(v: list[Item], result: int, a: int, b: int, c: int, less: Less) -> None:
    if less(v[a], v[b]):
        if less(v[b], v[c]):
            pick = b
        elif less(v[a], v[c]):
            pick = c
        else:
            pick = a
    elif less(v[a], v[c]):
        pick = a
    elif less(v[b], v[c]):
        pick = c
    else:
        pick = b
    v[result], v[pick] = v[pick], v[result]


def _unguarded_partition(v: list[Item], first: int, last: int, pivot: int, less: Less) -> int:
    p = v[pivot]
    while True:
        while less(v[first], p):
            first += 1
        last -= 1
        while less(p, v[last]):
            last -= 1
        if not first < last:
            return first
        v[first], v[last] = v[last], v[first]
        first += 1


def _partition_pivot(v: list[Item], first: int, last: int, less: Less) -> int:
    mid = first + (last - first) // 2
    _move_median_to_first(v, first, first + 1, mid, last - 1, less)
    return _unguarded_partition(v, first + 1, last, first, less)


def _push_heap(v: list[Item], base: int, hole: int, top: int, value: Item, less: Less) -> None:
    parent = (hole - 1) // 2
    while hole > top and less(v[base + parent], value):
        v[base + hole] = v[base + parent]
        hole = parent
        parent = (hole - 1) // 2
    v[base + hole] = value


def _adjust_heap(v: list[Item], base: int, hole: int, n: int, value: Item, less: Less) -> None:
    top = hole
    child = hole
    while child < (n - 1) // 2:
        child = 2 * (child + 1)
        if less(v[base + child], v[base + child - 1]):
            child -= 1
        v[base + hole] = v[base + child]
        hole = child
    if n & 1 == 0 and child == (n - 2) // 2:
        child = 2 * (child + 1)
        v[base + hole] = v[base + child - 1]
        hole = child - 1
    _push_heap(v, base, hole, top, value, less)


def _make_heap(v: list[Item], first: int, last: int, less: Less) -> None:
    n = last - first
    if n < 2:
        return
    parent = (n - 2) // 2
    while True:
        _adjust_heap(v, first, parent, n, v[first + parent], less)
        if parent == 0:
            return
        parent -= 1


def _pop_heap(v: list[Item], first: int, last: int, result: int, less: Less) -> None:
    value = v[result]
    v[result] = v[first]
    _adjust_heap(v, first, 0, last - first, value, less)


def _heap_select(v: list[Item], first: int, middle: int, last: int, less: Less) -> None:
    _make_heap(v, first, middle, less)
    for i in range(middle, last):
        if less(v[i], v[first]):
            _pop_heap(v, first, middle, i, less)


def _sort_heap(v: list[Item], first: int, last: int, less: Less) -> None:
    while last - first > 1:
        last -= 1
        _pop_heap(v, first, last, last, less)


def _introsort_loop(v: list[Item], first: int, last: int, depth: int, less: Less) -> None:
    while last - first > _THRESHOLD:
        if depth == 0:
            _heap_select(v, first, last, last, less)  # std::partial_sort(first, last, last)
            _sort_heap(v, first, last, less)
            return
        depth -= 1
        cut = _partition_pivot(v, first, last, less)
        _introsort_loop(v, cut, last, depth, less)
        last = cut


def _std_sort(v: list[Item], first: int, last: int, less: Less) -> None:
    if last - first < 2:
        return
    _introsort_loop(v, first, last, 2 * _lg(last - first), less)
    if last - first > _THRESHOLD:
        _insertion_sort(v, first, first + _THRESHOLD, less)
        _unguarded_insertion_sort(v, first + _THRESHOLD, last, less)
    else:
        _insertion_sort(v, first, last, less)


def _nth_element(v: list[Item], first: int, nth: int, last: int, less: Less) -> None:
    if first == last or nth == last:
        return
    depth = 2 * _lg(last - first)
    while last - first > 3:
        if depth == 0:
            _heap_select(v, first, nth + 1, last, less)
            v[first], v[nth] = v[nth], v[first]
            return
        depth -= 1
        cut = _partition_pivot(v, first, last, less)
        if cut <= nth:
            first = cut
        else:
            last = cut
    _insertion_sort(v, first, last, less)


def sort_order(values: list[float], descending: bool) -> list[int]:
    """The indices torch.sort(stable=False) gives for one row."""
    v = [(x, i) for i, x in enumerate(values)]
    _std_sort(v, 0, len(v), _less_descending if descending else _less_ascending)
    return [i for _, i in v]


def topk_order(values: list[float], k: int, largest: bool, sorted: bool) -> list[int]:
    """The indices torch.topk gives for one row (PyTorch's topk_impl_loop)."""
    less = _less_descending if largest else _less_ascending
    v = [(x, i) for i, x in enumerate(values)]
    n = len(v)
    if k == 0:
        return []
    if k * 64 <= n:
        _heap_select(v, 0, k, n, less)  # std::partial_sort
        _sort_heap(v, 0, k, less)
    else:
        _nth_element(v, 0, k - 1, n, less)
        if sorted:
            _std_sort(v, 0, k - 1, less)
    return [i for _, i in v[:k]]


def kth_index(values: list[float], k: int) -> int:
    """The index torch.kthvalue gives for one row: the k-th smallest (0-based k) after
    PyTorch's quick_select_template (median-of-three pivots; NaN largest)."""

    def gt(a: float, b: float) -> bool:
        return (a != a and b == b) or a > b

    v = [(x, i) for i, x in enumerate(values)]
    lo, hi = 0, len(v) - 1
    while True:
        if hi <= lo:
            return v[k][1]
        if hi == lo + 1:
            if gt(v[lo][0], v[hi][0]):
                v[lo], v[hi] = v[hi], v[lo]
            return v[k][1]
        p = lo + (hi - lo) // 2
        v[p], v[lo + 1] = v[lo + 1], v[p]
        if gt(v[lo + 1][0], v[hi][0]):
            v[lo + 1], v[hi] = v[hi], v[lo + 1]
        if gt(v[lo][0], v[hi][0]):
            v[lo], v[hi] = v[hi], v[lo]
        if gt(v[lo + 1][0], v[lo][0]):
            v[lo + 1], v[lo] = v[lo], v[lo + 1]
        i, j = lo + 1, hi
        piv = v[lo][0]
        while True:
            i += 1
            while gt(piv, v[i][0]):
                i += 1
            j -= 1
            while gt(v[j][0], piv):
                j -= 1
            if j < i:
                break
            v[i], v[j] = v[j], v[i]
        v[lo], v[j] = v[j], v[lo]
        if j <= k:
            lo = i
        if j >= k:
            hi = j - 1


def mode_index(values: list[float]) -> int:
    """The index torch.mode gives for one row: values sorted by std::sort, the longest run
    of equal ones (the first such run on a tie in length), the last index in that run."""
    order = sort_order(values, False)
    best_i, best_n, run = order[0], 0, 0
    for pos, i in enumerate(order):
        run += 1
        if pos == len(order) - 1 or values[order[pos + 1]] != values[i]:
            if run > best_n:
                best_i, best_n = i, run
            run = 0
    return best_i


def nan_row_median_index(n: int) -> int:
    """The index torch.nanmedian(dim) gives for a row of n NaNs: std::nth_element at the
    first place with PyTorch's comparator, under which every NaN is equivalent."""
    v: list[Item] = [(0.0, i) for i in range(n)]
    _nth_element(v, 0, 0, n, lambda a, b: False)
    return v[0][1]

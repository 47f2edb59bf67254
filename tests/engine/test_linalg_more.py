"""torch.slogdet, torch.logdet and torch.linalg.slogdet, and the squeeze nodes PyTorch's
composite ops record: values, grads, grad_fn names, printed text and refusals, each
compared with torch."""

from __future__ import annotations

from typing import Any

from difftest import check


def test_squeeze_of_dims_and_vector_matmul_name_their_nodes_as_torch() -> None:
    # squeeze((dims)) is SqueezeBackward2; a vector @ matrix ends with an in-place
    # squeeze_ (SqueezeBackward4), whose result is no view: writing it in place stays
    # one AddBackward0
    def program(torch: Any) -> Any:
        x = torch.ones(1, 3, 1, requires_grad=True)
        v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        m = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
        squeezed = (x * 2).squeeze((0, 2))
        y = v @ m
        base_is_none = y._base is None
        y.add_(1)
        y.sum().backward()
        return squeezed, y, base_is_none, v.grad

    check(program)


def _chain(t: Any) -> list[str]:
    names, f = [], t.grad_fn
    while f is not None:
        names.append(f.name())
        f = f.next_functions[-1][0] if f.next_functions else None
    return names


# log, sums and an inverse: within float32 rounding (difftest's default)
def test_logdet_is_a_where_over_slogdet() -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor([[2.0, 1.0], [1.0, 3.0]], requires_grad=True)
        out = torch.logdet(a)
        out.backward()
        return out, _chain(out), a.grad, a.logdet()

    check(program)


def test_slogdet_gives_sign_and_logabsdet_from_one_node() -> None:
    def program(torch: Any) -> Any:
        a = torch.tensor([[1.0, 2.0], [3.0, 1.0]], requires_grad=True)
        sign, logabsdet = torch.slogdet(a)
        (sign * logabsdet).backward()
        r = torch.linalg.slogdet(a.detach())
        return sign, logabsdet, a.grad, repr(torch.slogdet(a)), repr(r), type(r).__name__

    check(program)


def test_slogdet_of_a_batch_with_a_singular_matrix() -> None:
    def program(torch: Any) -> Any:
        b = torch.tensor(
            [[[0.0, 1.0], [1.0, 0.0]], [[2.0, 0.0], [0.0, 3.0]], [[1.0, 2.0], [2.0, 4.0]]],
            requires_grad=True,
        )
        out = b.logdet()
        out[1].backward()
        return torch.slogdet(b), b.slogdet(), out, b.grad

    check(program)


def test_a_gradient_only_through_the_sign_leaves_grad_none() -> None:
    # a real matrix's sign has no gradient: the input gets none from it, but still gets
    # the gradients that come another way
    def program(torch: Any) -> Any:
        a = torch.tensor([[2.0, 1.0], [1.0, 3.0]], requires_grad=True)
        b = torch.tensor([[2.0, 1.0], [1.0, 3.0]], requires_grad=True)
        torch.slogdet(a).sign.backward()
        (torch.slogdet(b).sign + b.sum()).backward()
        return a.grad, b.grad

    check(program)


def test_slogdet_and_logdet_refusals() -> None:
    def program(torch: Any) -> Any:
        out = []
        for f in (torch.slogdet, torch.logdet, torch.linalg.slogdet):
            for a in (torch.ones(2, 3), torch.ones(3), torch.ones(2, 2, dtype=torch.long)):
                try:
                    f(a)
                except RuntimeError as e:
                    out.append(str(e))
        return out

    check(program)

"""The derivatives table: every differentiable op, its forward, and each input's gradient.

One row per PyTorch backward node (the `grad_fn` name users see). Forwards take numpy
arrays already cast to the op's computation dtype. Each gradient formula is written once,
as text, like a line of PyTorch's derivatives.yaml: the names it uses say what it needs
(`grad`, the inputs by name, `result`, `<input>_shape`, the op's options), it is compiled
once at import (see `graph.Function`), and the same text is what the page shows as the
local rule of a backward step. They are PyTorch's own formulas, in the same order of
operations, so that float32 results round the same way. The helpers formulas call (`F.`)
are in `formulas.py`.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from . import formulas as F
from . import linalg_formulas as LA
from . import nn_formulas as NN
from .graph import DerivativeRow
from .graph import Function

# fmt: off
# --------------------------------------------------------------------------- arithmetic
add = Function("AddBackward0", np.add, ("self", "other"),
               ('grad', 'grad'),
               math=(r'\bar{self} = \bar{result}', r'\bar{other} = \bar{result}'))
sub = Function("SubBackward0", np.subtract, ("self", "other"),
               ('grad', '-grad'),
               math=(r'\bar{self} = \bar{result}', r'\bar{other} = -\bar{result}'))
# scalar - tensor: PyTorch computes it as tensor.rsub(scalar); the scalar is no input
rsub = Function("RsubBackward1", lambda self, other: other - self, ("self",),
                ('-grad',),
                math=(r'\bar{self} = -\bar{result}',))
# torch.rsub(input, other, alpha=...): other - alpha * input
rsub_tensor = Function("RsubBackward0", lambda self, other, alpha: other - alpha * self if alpha != 1 else other - self,
                       ("self", "other"),
                       ('-F.scaled(grad, alpha)', 'grad'),
                       math=(r'\bar{self} = -\alpha \bar{result}', r'\bar{other} = \bar{result}'))
mul = Function("MulBackward0", np.multiply, ("self", "other"),
               ('grad * other', 'grad * self'),
               math=(r'\bar{self} = \bar{result} \odot other', r'\bar{other} = \bar{result} \odot self'))
div = Function("DivBackward0", np.true_divide, ("self", "other"),
               ('grad / other',
                '-grad * ((self / other) / other)'),
               math=(r'\bar{self} = \bar{result} / other', r'\bar{other} = -\bar{result} \odot self / other^2'))
# torch.div(a, b, rounding_mode=...): floor and trunc are step functions, their gradient 0
div_mode = Function("DivBackward2", lambda x, y, rounding_mode: F.np_div_mode(x, y, rounding_mode),
                    ("self", "other"),
                    ('F.zeros_like(grad) if rounding_mode is not None else grad / other',
                     'F.zeros_like(grad) if rounding_mode is not None else -grad * ((self / other) / other)'),
                    math=(r'\bar{self} = \bar{result} / other \text{ (0 when rounded)}',
                          r'\bar{other} = -\bar{result} \odot self / other^2 \text{ (0 when rounded)}'))
neg = Function("NegBackward0", np.negative, ("self",),
               ('-grad',),
               math=(r'\bar{self} = -\bar{result}',))
reciprocal = Function("ReciprocalBackward0", np.reciprocal, ("self",),
                      ('-grad * (result * result)',),
                      math=(r'\bar{self} = -\bar{result} \odot result^2',))
# tensor ** number
pow_scalar = Function("PowBackward0", lambda self, exponent: np.power(self, exponent), ("self",),
                      ('F.zeros_like(grad) if exponent == 0 else grad * (exponent * self ** (exponent - 1))',),
                      math=(r'\bar{self} = \bar{result} \odot p\, self^{p-1}',))
# tensor ** tensor
pow_tensor = Function("PowBackward1", lambda a, b: F.np_power(a, b), ("self", "exponent"),
                      ('F.where(F.data(exponent) == 0, 0.0, grad * (exponent * self ** (exponent - 1)))',
                       'grad * F.where((F.data(self) == 0) & (F.data(exponent) >= 0), 0.0, result * F.log(self))'),
                      math=(r'\bar{self} = \bar{result} \odot exponent\, self^{exponent - 1}', r'\bar{exponent} = \bar{result} \odot result \ln self'))
# number ** tensor (the number is an option, like PyTorch's Scalar self)
pow_base = Function("PowBackward2", lambda exponent, base: np.power(base, exponent),
                    ("exponent",),
                    ('grad * F.where((base == 0) & (F.data(exponent) >= 0), 0.0, result * np.log(base))',),
                    math=(r'\bar{exponent} = \bar{result} \odot result \ln c',))

# --------------------------------------------------------------------------- learner tensors: operators
remainder = Function("RemainderBackward1", lambda a, b: F.np_remainder(a, b), ("self", "other"),
                     ('grad',
                      '-grad * F.floor(self / other)'),
                     math=(r'\bar{self} = \bar{result}', r'\bar{other} = -\bar{result} \odot \lfloor self / other \rfloor'))
remainder_scalar = Function("RemainderBackward0", lambda a, other: F.np_remainder(a, other), ("self",),
                            ('grad',),
                            math=(r'\bar{self} = \bar{result}',))
# torch.fmod: C's remainder, with the dividend's sign
fmod = Function("FmodBackward1", lambda a, b: np.fmod(a, b), ("self", "other"),
                ('grad',
                 '-grad * F.trunc(self / other)'),
                math=(r'\bar{self} = \bar{result}', r'\bar{other} = -\bar{result} \odot \operatorname{trunc}(self / other)'))
fmod_scalar = Function("FmodBackward0", lambda a, other: np.fmod(a, other), ("self",),
                       ('grad',),
                       math=(r'\bar{self} = \bar{result}',))
# x.contiguous() copies into row-major order (clone keeps the strides it can)
contiguous = Function("CloneBackward0", np.ascontiguousarray, ("self",), ('grad',),
                      math=(r'\bar{self} = \bar{result}',))

# --------------------------------------------------------------------------- elementwise functions
exp = Function("ExpBackward0", F.precise(np.exp, math.exp), ("self",), ('grad * result',),
               math=(r'\bar{self} = \bar{result} \odot result',))
log = Function("LogBackward0", F.precise(np.log, math.log), ("self",), ('grad / self',),
               math=(r'\bar{self} = \bar{result} / self',))
sin = Function("SinBackward0", F.precise(np.sin, math.sin), ("self",), ('grad * F.cos(self)',),
               math=(r'\bar{self} = \bar{result} \odot \cos self',))
cos = Function("CosBackward0", F.precise(np.cos, math.cos), ("self",), ('grad * -F.sin(self)',),
               math=(r'\bar{self} = -\bar{result} \odot \sin self',))
tanh = Function("TanhBackward0", F.precise(np.tanh, math.tanh), ("self",),
                ('F.tanh_backward(grad, result)',),
                math=(r'\bar{self} = \bar{result} \odot (1 - result^2)',))
sigmoid = Function("SigmoidBackward0", lambda x: 1 / (1 + F.precise(np.exp, math.exp)(-x)), ("self",),
                   ('F.sigmoid_backward(grad, result)',),
                   math=(r'\bar{self} = \bar{result} \odot result \odot (1 - result)',))
# The gradients of those gradients, for create_graph (PyTorch's tanh_backward/sigmoid_backward)
tanh_backward = Function("TanhBackwardBackward0", lambda g, y: g * (1 - y * y),
                         ("grad_output", "output"),
                         ('grad * (1 - output * output)',
                          '-2 * grad * grad_output * output'),
                         math=(r'\bar{grad_output} = \bar{result} \odot (1 - output^2)', r'\bar{output} = -2\, \bar{result} \odot grad_output \odot output'))
sigmoid_backward = Function("SigmoidBackwardBackward0", lambda g, y: g * (1 - y) * y,
                            ("grad_output", "output"),
                            ('grad * (1 - output) * output',
                             'grad * grad_output * (1 - 2 * output)'),
                            math=(r'\bar{grad_output} = \bar{result} \odot (1 - output) \odot output', r'\bar{output} = \bar{result} \odot grad_output \odot (1 - 2\, output)'))
copy_backwards = Function("CopyBackwards", np.copy, ("self",), ('grad',),
                          math=(r'\bar{self} = \bar{result}',))
relu = Function("ReluBackward0", lambda x: np.maximum(0, x).astype(x.dtype, copy=False), ("self",),
                ('F.threshold_backward(grad, result, 0)',),
                math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[self > 0]',))
threshold_backward = Function("ThresholdBackwardBackward0",
                              lambda g, x, threshold: F.threshold_backward(g, x, threshold),
                              ("grad_output", "self"),
                              ('F.threshold_backward(grad, self, threshold)', 'F.zeros_like(grad)'),
                              math=(r'\bar{grad_output} = \bar{result} \odot \mathbf{1}[self > \theta]', r'\bar{self} = 0'))
deg2rad = DerivativeRow("Deg2RadBackward0", lambda x: x * x.dtype.type(math.pi / 180), ("self",),
                        ('grad * F.DEG2RAD',), math=(r'\bar{self} = \tfrac{\pi}{180} \bar{result}',))
rad2deg = DerivativeRow("Rad2DegBackward0", lambda x: x * x.dtype.type(180 / math.pi), ("self",),
                        ('grad * F.RAD2DEG',), math=(r'\bar{self} = \tfrac{180}{\pi} \bar{result}',))
logit = DerivativeRow("LogitBackward0", F.in_double(F.np_logit), ("self",),
                      ('F.logit_backward(grad, self, eps)',),
                      math=(r'\bar{self} = \bar{result} / (self (1 - self))',))
# xlogy(number, tensor) and xlogy(tensor, number): PyTorch's Scalar overloads
xlogy_number_self = DerivativeRow("XlogyBackward1",
                                  F.in_double(lambda y, number: F.np_xlogy(np.asarray(number, y.dtype), y)),
                                  ("other",), ('grad * number / other',),
                                  math=(r'\bar{other} = \bar{result} \odot self / other',))
xlogy_number_other = DerivativeRow("XlogyBackward2",
                                   F.in_double(lambda x, number: F.np_xlogy(x, np.asarray(number, x.dtype))),
                                   ("self",), ('grad * F.xlogy_mask(self, number)',),
                                   math=(r'\bar{self} = \bar{result} \odot \log other \text{ (0 where } self = 0 \text{ and } other \le 0)',))
xlogy = DerivativeRow("XlogyBackward0", F.in_double(F.np_xlogy), ("self", "other"),
                      ('grad * F.xlogy_mask(self, other)', 'grad * self / other'),
                      math=(r'\bar{self} = \bar{result} \odot \log other \text{ (0 where } self = 0 \text{ and } other \le 0)', r'\bar{other} = \bar{result} \odot self / other'))
# F.layer_norm and F.batch_norm record one node over input, weight and bias, as PyTorch's
# native kernels do (a missing weight or bias is a constant ones or zeros here)
layer_norm = DerivativeRow("NativeLayerNormBackward0", NN.np_layer_norm, ("self", "weight", "bias"),
                           ('NN.layer_norm_backward(grad, self, weight, normalized_ndim, eps, "input")',
                            'NN.layer_norm_backward(grad, self, weight, normalized_ndim, eps, "weight")',
                            'NN.layer_norm_backward(grad, self, weight, normalized_ndim, eps, "bias")'),
                           math=(r'\bar{self} = \tfrac{rstd}{n} (n\, \bar{y} - \textstyle\sum \bar{y} - \hat{x} \sum \bar{y} \hat{x}), \; \bar{y} = \bar{result} \odot weight',
                                 r'\bar{weight} = \textstyle\sum_{\text{batch}} \bar{result} \odot \hat{x}',
                                 r'\bar{bias} = \textstyle\sum_{\text{batch}} \bar{result}'))
batch_norm = DerivativeRow("NativeBatchNormBackward0", NN.np_batch_norm, ("self", "weight", "bias"),
                           ('NN.batch_norm_backward(grad, self, weight, mean, rstd, training, eps, "input")',
                            'NN.batch_norm_backward(grad, self, weight, mean, rstd, training, eps, "weight")',
                            'NN.batch_norm_backward(grad, self, weight, mean, rstd, training, eps, "bias")'),
                           math=(r'\bar{self} = \tfrac{weight\, rstd}{n} (n\, \bar{result} - \textstyle\sum \bar{result} - \hat{x} \sum \bar{result} \hat{x})',
                                 r'\bar{weight} = \textstyle\sum \bar{result} \odot \hat{x}',
                                 r'\bar{bias} = \textstyle\sum \bar{result}'))
# F.group_norm: statistics per sample and group of channels, the affine per channel
group_norm = DerivativeRow("NativeGroupNormBackward0", NN.np_group_norm, ("self", "weight", "bias"),
                           ('NN.group_norm_backward(grad, self, weight, group, eps, "input")',
                            'NN.group_norm_backward(grad, self, weight, group, eps, "weight")',
                            'NN.group_norm_backward(grad, self, weight, group, eps, "bias")'),
                           math=(r'\bar{self} = \tfrac{rstd}{n} (n\, \bar{y} - \textstyle\sum_{\text{group}} \bar{y} - \hat{x} \sum_{\text{group}} \bar{y} \hat{x}), \; \bar{y} = \bar{result} \odot weight',
                                 r'\bar{weight} = \textstyle\sum_{\text{batch, space}} \bar{result} \odot \hat{x}',
                                 r'\bar{bias} = \textstyle\sum_{\text{batch, space}} \bar{result}'))
embedding = DerivativeRow("EmbeddingBackward0", lambda w, indices, padding_idx: w[indices], ("weight",),
                          ('NN.embedding_backward(grad, weight_shape[0], indices, padding_idx)',),
                          saves_params=("indices",),
                          math=(r'\bar{weight} = \operatorname{index\_add}_0(0, indices, \bar{result})',))
# F.embedding_bag: each bag's rows of the weight summed (times per_sample_weights), averaged
# or maxed, in one node; a missing per_sample_weights is a constant (kernels: nn_bag.py)
embedding_bag = DerivativeRow(
    "EmbeddingBagBackward0", NN.lazy("np_embedding_bag"),
    ("weight", "per_sample_weights"),
    ('NN.embedding_bag_backward(grad, weight_shape[0], indices, bag, nbags, mode, weighted, per_sample_weights, max_indices, order, scale_grad_by_freq)',
     'NN.embedding_bag_psw_backward(grad, weight, indices, bag)'),
    saves_params=("indices", "bag"),
    math=(r'\bar{weight}_i = \textstyle\sum_{\text{bags } b \ni i} s_{b,i} \, \bar{result}_b \text{ (} s = 1, \tfrac{1}{|b|} \text{ or the per-sample factor; max: only where row } i \text{ was the maximum)}',
          r'\bar{per_sample_weights}_j = \bar{result}_{b(j)} \cdot weight_{indices_j}'))
# F.pixel_shuffle, F.pixel_unshuffle, F.channel_shuffle: rearrangements, each one's gradient
# its inverse (kernels: nn_shuffle.py)
pixel_shuffle = DerivativeRow("PixelShuffleBackward0", NN.lazy("np_pixel_shuffle"), ("self",),
                              ('NN.pixel_shuffle_backward(grad, factor)',),
                              math=(r'\bar{self} = \operatorname{pixel\_unshuffle}(\bar{result}, r)',))
pixel_unshuffle = DerivativeRow("PixelUnshuffleBackward0", NN.lazy("np_pixel_unshuffle"), ("self",),
                                ('NN.pixel_unshuffle_backward(grad, factor)',),
                                math=(r'\bar{self} = \operatorname{pixel\_shuffle}(\bar{result}, r)',))
channel_shuffle = DerivativeRow("ChannelShuffleBackward0", NN.lazy("np_channel_shuffle"), ("self",),
                                ('NN.channel_shuffle_backward(grad, groups, self_shape)',),
                                math=(r'\bar{self} = \operatorname{channel\_shuffle}(\bar{result}, C / g)',))
# F.affine_grid and F.grid_sample (the spatial transformer tutorial; kernels: nn_sampling.py).
# `base` is the (x, y, 1) grid affine_grid maps; under create_graph the gradients are
# constants (PyTorch has no derivative of grid_sampler_2d_backward either)
affine_grid = DerivativeRow("AffineGridGeneratorBackward0", NN.lazy("np_affine_grid"), ("theta",),
                            ('NN.affine_grid_backward(grad, base)',),
                            math=(r'\bar{theta} = (B^\top \bar{result})^\top \text{, } B \text{ the rows } (x, y, 1) \text{ of the base grid}',))
grid_sample = DerivativeRow(
    "GridSampler2DBackward0", NN.lazy("np_grid_sample"), ("self", "grid"),
    tuple(f'NN.grid_sample_backward(grad, self, grid, mode, padding_mode, align_corners, "{which}")'
          for which in ("input", "grid")),
    math=(r'\bar{self} = \textstyle\sum_{\text{points}} w \, \bar{result} \text{ at the pixels each point read, } w \text{ its interpolation weights}',
          r'\bar{grid} = \textstyle\sum_{\text{channels}} \bar{result} \odot \partial result / \partial (x, y) \cdot \partial (x, y) / \partial grid'))
# F.bilinear's contraction, ATen's _trilinear (kernels: nn_trilinear.py); F.bilinear views
# its inputs as rows and adds the bias after
trilinear = DerivativeRow(
    "TrilinearBackward0", NN.lazy("np_trilinear"), ("i1", "i2", "i3"),
    tuple(f'NN.trilinear_backward(grad, i1, i2, i3, "{which}")' for which in ("i1", "i2", "i3")),
    math=(r'\bar{i1}_{bi} = \textstyle\sum_{o, j} \bar{result}_{bo} \, i2_{oij} \, i3_{bj}',
          r'\bar{i2}_{oij} = \textstyle\sum_b \bar{result}_{bo} \, i1_{bi} \, i3_{bj}',
          r'\bar{i3}_{bj} = \textstyle\sum_{o, i} \bar{result}_{bo} \, i1_{bi} \, i2_{oij}'))
# F.rrelu: `noise` holds the slopes drawn in training (kernels: nn_rrelu.py); in place it
# is the node's other name, as PyTorch's
rrelu = DerivativeRow("RreluWithNoiseBackward0", NN.lazy("np_rrelu"), ("self",),
                      ('NN.rrelu_backward(grad, self, noise, training, slope)',),
                      saves_params=("noise",),
                      math=(r'\bar{self} = \bar{result} \odot (1 \text{ where } self > 0 \text{, else the slope drawn for it, or } \tfrac{l + u}{2} \text{ in evaluation)}',))
rrelu_ = DerivativeRow("RreluWithNoiseBackward1", rrelu.forward, ("self",), rrelu.rules,
                       saves_params=("noise",), math=rrelu.math)
# F.max_unpool1d/2d (kernels: nn_unpool.py) and F.pdist (nn_pdist.py)
max_unpool2d = DerivativeRow("MaxUnpool2DBackward0", NN.lazy("np_max_unpool"), ("self",),
                             ('NN.max_unpool_backward(grad, indices)',), saves_params=("indices",),
                             math=(r'\bar{self} = \bar{result} \text{ read at the indices}',))
pdist = DerivativeRow("PdistBackward0", NN.lazy("np_pdist"), ("self",),
                      ('NN.pdist_backward(grad, self, p, result)',),
                      math=(r'\bar{self}_i = \textstyle\sum_{j \ne i} \bar{result}_{ij} \, \frac{self_i - self_j}{result_{ij}} \text{ (p = 2)}',))
# nn.MultiMarginLoss and nn.MultiLabelMarginLoss (kernels: nn_margin.py)
multi_margin_loss = DerivativeRow(
    "MultiMarginLossBackward0", NN.lazy("np_multi_margin"), ("self",),
    ('NN.multi_margin_backward(grad, self, target, p, margin, weight, reduction)',),
    saves_params=("target",),
    math=(r'\bar{self}_i = \tfrac{\bar{result}}{C} \, w_y \, p \, z_i^{p-1} \mathbf{1}[z_i > 0] \text{, } z_i = margin - self_y + self_i \text{ (} i \ne y \text{; minus their sum at } y)',))
multilabel_margin_loss = DerivativeRow(
    "MultilabelMarginLossBackward0", NN.lazy("np_multilabel_margin"), ("self",),
    ('NN.multilabel_margin_backward(grad, self, target, reduction)',),
    saves_params=("target",),
    math=(r'\bar{self}_i = \tfrac{\bar{result}}{C} \textstyle\sum_{j} (\mathbf{1}[i \notin Y, 1 - self_j + self_i > 0] - \mathbf{1}[i = j] \textstyle\sum_{k \notin Y} \mathbf{1}[1 - self_j + self_k > 0]) \text{, } j \in Y',))
# F.ctc_loss's per-sample negative log likelihoods (kernels: nn_ctc.py)
ctc_loss = DerivativeRow(
    "CtcLossBackward0", NN.lazy("np_ctc_loss"), ("log_probs",),
    ('NN.ctc_loss_backward(grad, log_probs, targets, input_lengths, target_lengths, blank, offsets, result, zero_infinity)',),
    saves_params=("targets",),
    math=(r'\bar{log_probs}_{t,c} = \bar{result} \, (e^{log_probs_{t,c}} - \textstyle\sum_{s: l_s = c} \alpha_t(s) \beta_t(s) \, e^{result - log_probs_{t,c}})',))
# activations beyond relu, sigmoid and tanh (F.leaky_relu, F.gelu, ...: nn_formulas.py)
leaky_relu = DerivativeRow("LeakyReluBackward0",
                           F.in_double(lambda x, negative_slope: np.where(x > 0, x, x * negative_slope)),
                           ("self",), ('NN.leaky_relu_backward(grad, self, negative_slope)',),
                           math=(r'\bar{self} = \bar{result} \odot (1 \text{ if } self > 0 \text{ else } slope)',))
elu = DerivativeRow("EluBackward0", F.in_double(NN.np_elu), ("self",),
                    ('NN.elu_backward(grad, self, alpha, scale, input_scale)',),
                    math=(r'\bar{self} = \bar{result} \odot (scale \text{ if } self > 0 \text{ else } \alpha\, scale\, e^{self})',))
# PyTorch's celu gradient scales by 1 / alpha rounded to float first, in double too
celu = DerivativeRow("CeluBackward0", elu.forward, ("self",),
                     ('NN.elu_backward(grad, self, alpha, scale, NN.celu_input_scale(alpha))',),
                     math=(r'\bar{self} = \bar{result} \odot (1 \text{ if } self > 0 \text{ else } e^{self / \alpha})',))
gelu = DerivativeRow("GeluBackward0", NN.np_gelu, ("self",),
                     ('NN.gelu_backward(grad, self, approximate)',),
                     math=(r'\bar{self} = \bar{result} \odot (\Phi(self) + self\, \varphi(self))',))
silu = DerivativeRow("SiluBackward0", F.in_double(lambda x: x / (1 + np.exp(-x))), ("self",),
                     ('NN.silu_backward(grad, self)',),
                     math=(r'\bar{self} = \bar{result} \odot \sigma(self) (1 + self (1 - \sigma(self)))',))
mish = DerivativeRow("MishBackward0", F.in_double(NN.np_mish), ("self",),
                     ('NN.mish_backward(grad, self)',),
                     math=(r'\bar{self} = \bar{result} \odot (t + self\, \sigma(self) (1 - t^2)), \; t = \tanh \operatorname{softplus}(self)',))
softplus = DerivativeRow("SoftplusBackward0", F.in_double(NN.np_softplus), ("self",),
                         ('NN.softplus_backward(grad, self, beta, threshold)',),
                         math=(r'\bar{self} = \bar{result} \odot \sigma(\beta\, self)',))
hardtanh = DerivativeRow("HardtanhBackward0",
                         lambda x, min_val, max_val: np.clip(x, min_val, max_val).astype(x.dtype, copy=False),
                         ("self",), ('NN.hardtanh_backward(grad, self, min_val, max_val)',),
                         math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[min < self < max]',))
hardsigmoid = DerivativeRow("HardsigmoidBackward0",
                            F.in_double(lambda x: np.minimum(np.maximum(x + 3, 0), 6) / 6),
                            ("self",), ('NN.hardsigmoid_backward(grad, self)',),
                            math=(r'\bar{self} = \tfrac{1}{6} \bar{result} \odot \mathbf{1}[-3 < self < 3]',))
hardswish = DerivativeRow("HardswishBackward0",
                          F.in_double(lambda x: x * np.minimum(np.maximum(x + 3, 0), 6) / 6),
                          ("self",), ('NN.hardswish_backward(grad, self)',),
                          math=(r'\bar{self} = \bar{result} \odot (0, \tfrac{self}{3} + \tfrac{1}{2}, 1)',))
logsigmoid = DerivativeRow("LogSigmoidBackward0", F.in_double(NN.np_logsigmoid), ("self",),
                           ('NN.logsigmoid_backward(grad, self)',),
                           math=(r'\bar{self} = \bar{result} \odot (1 - \sigma(self))',))
threshold = DerivativeRow("ThresholdBackward0",
                          lambda x, threshold, value: np.where(x > threshold, x, value).astype(x.dtype, copy=False),
                          ("self",), ('F.threshold_backward(grad, self, threshold)',),
                          math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[self > \theta]',))
# The in-place forms (F.leaky_relu(x, inplace=True), F.elu_, F.celu_, F.selu_, F.threshold_):
# PyTorch's second nodes, which read the result (the input is overwritten) or, for threshold,
# a copy of the input kept before the write
leaky_relu_ = DerivativeRow("LeakyReluBackward1", leaky_relu.forward, ("self",),
                            ('NN.leaky_relu_backward_result(grad, result, negative_slope)',),
                            math=(r'\bar{self} = \bar{result} \odot (1 \text{ if } result > 0 \text{ else } slope)',))
elu_ = DerivativeRow("EluBackward1", elu.forward, ("self",),
                     ('NN.elu_backward_result(grad, result, alpha, scale, input_scale)',),
                     math=(r'\bar{self} = \bar{result} \odot (scale \text{ if } result > 0 \text{ else } input\_scale\, (result + \alpha\, scale))',))
celu_ = DerivativeRow("CeluBackward1", elu.forward, ("self",),
                      ('NN.elu_backward_result(grad, result, alpha, scale, NN.celu_input_scale(alpha))',),
                      math=(r'\bar{self} = \bar{result} \odot (1 \text{ if } result > 0 \text{ else } (result + \alpha) / \alpha)',))
threshold_ = DerivativeRow("ThresholdBackward1", threshold.forward, ("self",), threshold.rules,
                           math=threshold.math)
hardshrink = DerivativeRow("HardshrinkBackward0",
                           lambda x, lambd: np.where(np.abs(x) > lambd, x, 0).astype(x.dtype, copy=False),
                           ("self",), ('F.where(np.abs(F.data(self)) > lambd, grad, 0.0)',),
                           math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[|self| > \lambda]',))
softshrink = DerivativeRow("SoftshrinkBackward0", NN.np_softshrink, ("self",),
                           ('F.where(np.abs(F.data(self)) > lambd, grad, 0.0)',),
                           math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[|self| > \lambda]',))
glu = DerivativeRow("GluBackward0", F.in_double(NN.np_glu), ("self",),
                    ('NN.glu_backward(grad, self, dim)',),
                    math=(r'\bar{self} = (\bar{result} \odot \sigma(b),\; \bar{result} \odot a\, \sigma(b) (1 - \sigma(b))), \; (a, b) = \operatorname{chunk}(self, 2)',))
prelu = DerivativeRow("PreluKernelBackward0", NN.np_prelu, ("self", "weight"),
                      ('NN.prelu_backward_input(grad, self, weight)',
                       'NN.prelu_backward_weight(grad, self, weight)'),
                      math=(r'\bar{self} = \bar{result} \odot (1 \text{ if } self > 0 \text{ else } weight)',
                            r'\bar{weight} = \textstyle\sum \bar{result} \odot self \odot \mathbf{1}[self \le 0]'))
# F.pad: the constant mode crops where a padding is negative; reflect and replicate gather
# each output position from an input position, so their gradients add back along that map
constant_pad = DerivativeRow("ConstantPadNdBackward0", NN.np_constant_pad, ("self",),
                             ('NN.constant_pad_backward(grad, pad)',),
                             math=(r'\bar{self} = \bar{result} \text{ without the padding}',))
reflection_pad = {
    n: DerivativeRow(f"ReflectionPad{n}DBackward0", NN.np_gather_pad, ("self",),
                     ('NN.gather_pad_backward(grad, self_shape, pad, mode)',),
                     math=(r'\bar{self} = \bar{result} \text{ with each reflected position added back}',))
    for n in (1, 2, 3)
}
replication_pad = {
    n: DerivativeRow(f"ReplicationPad{n}DBackward0", NN.np_gather_pad, ("self",),
                     ('NN.gather_pad_backward(grad, self_shape, pad, mode)',),
                     math=(r'\bar{self} = \bar{result} \text{ with each repeated edge added back}',))
    for n in (1, 2, 3)
}
# Their gradients under create_graph, as PyTorch records them (the mask has no gradient)
leaky_relu_backward = DerivativeRow("LeakyReluBackwardBackward0",
                                    lambda g, x, negative_slope: NN.leaky_relu_backward(g, x, negative_slope),
                                    ("grad_output", "self"),
                                    ('NN.leaky_relu_backward(grad, self, negative_slope)', 'F.zeros_like(grad)'),
                                    math=(r'\bar{grad_output} = \bar{result} \odot (1 \text{ if } self > 0 \text{ else } slope)', r'\bar{self} = 0'))
hardtanh_backward = DerivativeRow("HardtanhBackwardBackward0",
                                  lambda g, x, min_val, max_val: NN.hardtanh_backward(g, x, min_val, max_val),
                                  ("grad_output", "self"),
                                  ('NN.hardtanh_backward(grad, self, min_val, max_val)', 'F.zeros_like(grad)'),
                                  math=(r'\bar{grad_output} = \bar{result} \odot \mathbf{1}[min < self < max]', r'\bar{self} = 0'))
# PyTorch has no derivative of hardsigmoid's gradient: a NotImplemented node
hardsigmoid_backward = DerivativeRow("NotImplemented",
                                     lambda g, x: NN.hardsigmoid_backward(g, x),
                                     ("grad_output", "self"),
                                     ('F.no_aten_derivative("hardsigmoid_backward")',) * 2,
                                     math=(r'\bar{grad_output} \text{: not implemented}', r'\bar{self} \text{: not implemented}'))
abs_ = Function("AbsBackward0", np.abs, ("self",), ('grad * F.sign(self)',),
                math=(r'\bar{self} = \bar{result} \odot \operatorname{sign}(self)',))
sqrt = Function("SqrtBackward0", np.sqrt, ("self",), ('grad / (2 * result)',),
                math=(r'\bar{self} = \bar{result} / (2\, result)',))
sign = Function("SignBackward0", np.sign, ("self",), ('F.zeros_like(grad)',),
                math=(r'\bar{self} = 0',))
sgn = Function("SgnBackward0", np.sign, ("self",), ('F.zeros_like(grad)',),
                math=(r'\bar{self} = 0',))

# --------------------------------------------------------------------------- reductions
sum_all = Function("SumBackward0", lambda x, dtype: np.sum(x, dtype=dtype), ("self",),
                   ('F.expand(grad, self_shape)',),
                   math=(r'\bar{self} = \operatorname{expand}(\bar{result})',))
sum_dim = Function("SumBackward1", lambda x, dim, keepdim, dtype: np.sum(
                       x, axis=dim, keepdims=keepdim, dtype=dtype), ("self",),
                   ('F.unreduce(grad, self_shape, dim, keepdim)',),
                   math=(r'\bar{self} = \operatorname{expand}_{\text{dim}}(\bar{result})',))
# nansum: NaNs count as zero, and get no gradient
nansum = DerivativeRow("NansumBackward0",
                       lambda x, dim, keepdim, dtype: np.nansum(x, axis=dim, keepdims=keepdim, dtype=dtype),
                       ("self",), ('F.unreduce(grad, self_shape, dim, keepdim) * F.not_nan(self)',),
                       math=(r'\bar{self} = \operatorname{expand}_{\text{dim}}(\bar{result}) \odot \mathbf{1}[self \ne \text{nan}]',))
mean_all = Function("MeanBackward0", F.np_mean, ("self",),
                    ('F.expand(grad, self_shape) / F.numel(self_shape)',),
                    math=(r'\bar{self} = \tfrac{1}{n} \operatorname{expand}(\bar{result})',))
mean_dim = Function("MeanBackward1", lambda x, dim, keepdim: F.np_mean(
                        x, dim, keepdims=keepdim), ("self",),
                    ('F.unreduce(grad, self_shape, dim, keepdim) / F.reduced_numel(self_shape, dim)',),
                    math=(r'\bar{self} = \tfrac{1}{n} \operatorname{expand}_{\text{dim}}(\bar{result})',))
# max()/min() over everything share the gradient evenly between ties
max_all = Function("MaxBackward1", np.max, ("self",),
                   ('F.evenly_distribute(grad, self, result)',),
                   math=(r'\bar{self} = \bar{result} \, \frac{\mathbf{1}[self = result]}{\#\text{ties}}',))
min_all = Function("MinBackward1", np.min, ("self",),
                   ('F.evenly_distribute(grad, self, result)',),
                   math=(r'\bar{self} = \bar{result} \, \frac{\mathbf{1}[self = result]}{\#\text{ties}}',))
# max(dim)/min(dim) send the gradient to the index they picked
max_dim = Function("MaxBackward0", lambda x, dim, keepdim, indices: F.np_take(x, dim, keepdim, indices),
                   ("self",),
                   ('F.select_back(grad, self_shape, dim, keepdim, indices)',), saves_params=("indices",),
                   math=(r'\bar{self} = \bar{result} \text{ at the picked index, } 0 \text{ elsewhere}',))
min_dim = Function("MinBackward0", max_dim.forward, ("self",), max_dim.rules,
                   saves_params=("indices",),
                   math=max_dim.math)
norm = Function("LinalgVectorNormBackward0", lambda x, p, dim, keepdim: F.np_norm(x, p, dim, keepdim),
                ("self",),
                ('F.norm_backward(grad, self, result, p, dim, keepdim)',),
                math=(r'\bar{self} = \bar{result} \odot \frac{\operatorname{sign}(self) \, |self|^{p-1}}{result^{p-1}}',))
# at::norm(x, p, dim) as F.pairwise_distance calls it: the same rule, torch's other name
norm_dim = Function("NormBackward1", norm.forward, ("self",), norm.rules, math=norm.math)
mse_loss = Function("MseLossBackward0", lambda a, b, reduction: F.np_mse(a, b, reduction),
                    ("self", "target"),
                    ('NN.mse_backward(grad, self, target, reduction)',
                     'NN.mse_backward(grad, target, self, reduction)'),
                    math=(r'\bar{self} = \tfrac{2}{n} \bar{result} \odot (self - target)', r'\bar{target} = -\tfrac{2}{n} \bar{result} \odot (self - target)'))
smooth_l1_loss = Function("SmoothL1LossBackward0",
                          lambda a, b, reduction, beta: NN.np_smooth_l1(a, b, reduction, beta),
                          ("self", "target"),
                          ('NN.smooth_l1_backward(grad, self, target, reduction, beta)',
                           'NN.smooth_l1_backward(grad, target, self, reduction, beta)'),
                          math=(r'\bar{self} = \tfrac{1}{n} \bar{result} \odot \operatorname{clamp}((self - target) / \beta, -1, 1)',
                                r'\bar{target} = -\bar{self}'))
huber_loss = Function("HuberLossBackward0",
                      lambda a, b, reduction, delta: NN.np_huber(a, b, reduction, delta),
                      ("self", "target"),
                      ('NN.huber_backward(grad, self, target, reduction, delta)',
                       'NN.huber_backward(grad, target, self, reduction, delta)'),
                      math=(r'\bar{self} = \tfrac{1}{n} \bar{result} \odot \operatorname{clamp}(self - target, -\delta, \delta)',
                            r'\bar{target} = -\bar{self}'))
# The gradient of mse_loss's gradient (for create_graph), as PyTorch's mse_loss_backward
mse_loss_backward = Function("MseLossBackwardBackward0",
                             lambda g, a, b, reduction: NN.mse_backward(g, a, b, reduction),
                             ("grad_output", "self", "target"),
                             ('NN.mse_double_backward_grad_output(grad, self, target, reduction)',
                              'NN.mse_double_backward(grad * grad_output, self, reduction)',
                              '-NN.mse_double_backward(grad * grad_output, target, reduction)'),
                             math=(r'\bar{grad_output} = \tfrac{2}{n} \bar{result} \odot (self - target)', r'\bar{self} = \tfrac{2}{n} \bar{result} \odot grad_output', r'\bar{target} = -\tfrac{2}{n} \bar{result} \odot grad_output'))

# --------------------------------------------------------------------------- linear algebra
dot = Function("DotBackward0", np.dot, ("self", "tensor"),
               ('grad * tensor', 'grad * self'),
               math=(r'\bar{self} = \bar{result} \, tensor', r'\bar{tensor} = \bar{result} \, self'))
vdot = Function("VdotBackward0", np.dot, ("self", "other"),
                ('grad * other', 'grad * self'),
                math=(r'\bar{self} = \bar{result} \, other', r'\bar{other} = \bar{result} \, self'))
# dist(self, other, p) is the p-norm of self - other, broadcast, in one node
dist = Function("DistBackward0", lambda a, b, p: F.np_norm(a - b, p, None, False), ("self", "other"),
                ('F.norm_backward(grad, self - other, result, p, None, False)',
                 '-F.norm_backward(grad, self - other, result, p, None, False)'),
                math=(r'\bar{self} = \bar{result} \odot \frac{\operatorname{sign}(d) \, |d|^{p-1}}{result^{p-1}}, \; d = self - other',
                      r'\bar{other} = -\bar{self}'))
mv = Function("MvBackward0", np.matmul, ("self", "vec"),
              ('F.outer(grad, vec)', 'F.t(self) @ grad'),
              math=(r'\bar{self} = \bar{result} \, vec^\top', r'\bar{vec} = self^\top \bar{result}'))
mm = Function("MmBackward0", np.matmul, ("self", "mat2"),
              ('grad @ F.t(mat2)', 'F.t(self) @ grad'),
              math=(r'\bar{self} = \bar{result} \, mat2^\top', r'\bar{mat2} = self^\top \bar{result}'))

# --------------------------------------------------------------------------- shapes and copies
t = Function("TBackward0", lambda x: x.T, ("self",), ('F.t(grad)',), is_view=True,
             math=(r'\bar{self} = \bar{result}^\top',))
permute = Function("PermuteBackward0", lambda x, dims: np.transpose(x, dims), ("self",),
                   ('F.permute(grad, tuple(np.argsort(dims)))',), is_view=True,
                   math=(r'\bar{self} = \operatorname{permute}(\bar{result}, \text{dims}^{-1})',))
view = Function("ViewBackward0", lambda x, shape: x.reshape(shape), ("self",),
                ('F.reshape(grad, self_shape)',), is_view=True,
                math=(r'\bar{self} = \operatorname{reshape}(\bar{result}) \text{ to the input shape}',))
# reshape of a tensor that cannot be viewed copies first, and PyTorch names it so
unsafe_view = Function("UnsafeViewBackward0", lambda x, shape: np.reshape(x, shape), ("self",),
                       ('F.reshape(grad, self_shape)',),
                       math=(r'\bar{self} = \operatorname{reshape}(\bar{result}) \text{ to the input shape}',))
expand = Function("ExpandBackward0", lambda x, shape: np.broadcast_to(x, shape), ("self",),
                  ('grad',), is_view=True,
                  math=(r'\bar{self} = \textstyle\sum_{\text{expanded dims}} \bar{result}',))  # summing back over the expanded dims is F.conform's job
unsqueeze = Function("UnsqueezeBackward0", lambda x, dim: np.expand_dims(x, dim), ("self",),
                     ('F.reshape(grad, self_shape)',), is_view=True,
                     math=(r'\bar{self} = \operatorname{squeeze}_{\text{dim}}(\bar{result})',))
# squeeze() / squeeze(dim) / squeeze(dims), as PyTorch numbers its overloads
squeeze_all = Function("SqueezeBackward0", lambda x, dim: np.squeeze(x, dim), ("self",),
                       ('F.reshape(grad, self_shape)',), is_view=True,
                       math=(r'\bar{self} = \operatorname{reshape}(\bar{result}) \text{ to the input shape}',))
squeeze_dim = Function("SqueezeBackward1", squeeze_all.forward, ("self",), squeeze_all.rules,
                       is_view=True,
                       math=squeeze_all.math)
squeeze_dims = Function("SqueezeBackward2", squeeze_all.forward, ("self",), squeeze_all.rules,
                        is_view=True,
                        math=squeeze_all.math)
# x.squeeze_(dim) reshapes x in place, making no view: PyTorch's matmul of a vector and a
# matrix (and its quantile) end with one
squeeze_dim_ = Function("SqueezeBackward4", squeeze_all.forward, ("self",), squeeze_all.rules,
                        math=squeeze_all.math)
to_copy = Function("ToCopyBackward0", lambda x, dtype: x.astype(dtype), ("self",),
                   ('grad',),
                   math=(r'\bar{self} = \bar{result} \text{ (cast back)}',))  # F.conform casts back to the input's dtype
alias = Function("AliasBackward0", lambda x: x.view(), ("self",), ("grad",), is_view=True,
                 math=(r'\bar{self} = \bar{result}',))
clone = Function("CloneBackward0", F.np_clone, ("self",), ('grad',),
                 math=(r'\bar{self} = \bar{result}',))
where = Function("WhereBackward0", lambda a, b, condition: np.where(condition, a, b), ("self", "other"),
                 ('F.where(condition, grad, 0.0)',
                  'F.where(condition, 0.0, grad)'), saves_params=("condition",),
                 math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[\text{cond}]', r'\bar{other} = \bar{result} \odot \mathbf{1}[\lnot\text{cond}]'))
# t[key] = value: the old values at key get no gradient, value gets grad[key]
copy_slices = Function("CopySlices", lambda x, v, key: F.np_put(x, v, key), ("self", "src"),
                       ('F.zero_at(grad, key)',
                        'grad[key]'),
                       math=(r'\bar{self} = \bar{result} \text{ with } [\text{key}] = 0', r'\bar{src} = \bar{result}[\text{key}]'))

# torch.diag: a vector becomes a diagonal matrix (diag_embed: the last dim of a batch
# becomes a diagonal in dims dim1, dim2), a matrix gives its diagonal (a copy)
diag_vector = DerivativeRow("DiagEmbedBackward0", lambda x, offset, dim1, dim2: F.np_diag_embed(x, offset, dim1, dim2),
                            ("self",), ('F.diag_embed_back(grad, offset, dim1, dim2)',),
                            math=(r'\bar{self} = \operatorname{diagonal}(\bar{result})',))
diagonal = Function("DiagonalBackward0", F.np_diagonal_view, ("self",),
                    ('F.diagonal_backward(grad, self_shape, offset, dim1, dim2)',), is_view=True,
                    math=(r'\bar{self} = \bar{result} \text{ on that diagonal of zeros}',))
diagonal_backward = Function("DiagonalBackwardBackward0", F.np_diagonal_back, ("grad_output",),
                             ('F.np_diagonal_view(grad, offset, dim1, dim2).copy()',),
                             math=(r'\bar{grad_output} = \operatorname{diagonal}(\bar{result})',))
diag_matrix = DerivativeRow("DiagonalBackward0_copy",
                            lambda x, offset: x[F.diagonal_key(x.shape, offset)].copy(), ("self",),
                            ('F.diagonal_back(grad, self_shape, offset)',),
                            math=(r'\bar{self} = \operatorname{diag}(\bar{result}) \text{ in the input shape}',))

# torch.unique: a node is recorded (its name printed), but PyTorch has no gradient for it
unique = DerivativeRow("Unique2Backward0", lambda x, values: values, ("self",),
                       ('F.not_implemented("_unique2")',),
                       math=(r'\bar{self} \text{: not implemented}',))
unique_consecutive = DerivativeRow("UniqueConsecutiveBackward0", lambda x, values: values, ("self",),
                                   ('F.not_implemented("unique_consecutive")',),
                                   math=(r'\bar{self} \text{: not implemented}',))
unique_dim = DerivativeRow("UniqueDimBackward0", lambda x, values: values, ("self",),
                           ('F.not_implemented("unique_dim")',),
                           math=(r'\bar{self} \text{: not implemented}',))

# --------------------------------------------------------------------------- learner shapes
# t[advanced key] = value (index_put_): like CopySlices, under the name PyTorch gives it
index_put = Function("IndexPutBackward0", copy_slices.forward, ("self", "values"), copy_slices.rules,
                     math=(r'\bar{self} = \bar{result} \text{ with } [\text{key}] = 0', r'\bar{values} = \bar{result}[\text{key}]'))
# index_put_(..., accumulate=True): the values are added, so self's gradient is all of grad
index_put_accumulate = Function("IndexPutBackward0", lambda x, v, key: F.np_write_at(x, np.broadcast_to(v, x[key].shape), np.asarray(np.ravel_multi_index(key, x.shape)), True) if x.size else x.copy(),
                                ("self", "values"), ('grad', 'grad[key]'),
                                math=(r'\bar{self} = \bar{result}', r'\bar{values} = \bar{result}[\text{key}]'))
# The writes at positions (F.np_write_at): self's gradient is grad with zeros where they
# wrote, the source's grad read back from there
index_copy = Function("IndexCopyBackward0", lambda x, src, positions: F.np_write_at(x, src, positions, False),
                      ("self", "source"),
                      ('F.zero_at_positions(grad, positions)', 'F.read_at(grad, positions, source_shape)'),
                      saves_params=("positions",),
                      math=(r'\bar{self} = \bar{result} \text{ with } 0 \text{ at the copied rows}', r'\bar{source} = \operatorname{index\_select}_{\text{dim}}(\bar{result}, \text{index})'))
masked_scatter = Function("MaskedScatterBackward0", index_copy.forward, ("self", "source"), index_copy.rules,
                          saves_params=("positions",),
                          math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[\neg mask]', r'\bar{source} = (\bar{result}[mask], 0, \dots)'))
put = Function("PutBackward0", lambda x, src, positions, accumulate: F.np_write_at(x, src, positions, accumulate),
               ("self", "source"),
               ('grad if accumulate else F.zero_at_positions(grad, positions)', 'F.read_at(grad, positions, source_shape)'),
               saves_params=("positions",),
               math=(r'\bar{self} = \bar{result} \text{ (with 0 at the indices unless accumulating)}', r'\bar{source} = \operatorname{take}(\bar{result}, \text{index})'))
diagonal_scatter = Function("DiagonalScatterBackward0", index_copy.forward, ("self", "src"),
                            ('F.zero_at_positions(grad, positions)', 'F.read_at(grad, positions, src_shape)'),
                            math=(r'\bar{self} = \bar{result} \text{ with a zero diagonal}', r'\bar{src} = \operatorname{diagonal}(\bar{result})'))
select_scatter = Function("SelectScatterBackward0", index_copy.forward, ("self", "src"), diagonal_scatter.rules,
                          math=(r'\bar{self} = \bar{result} \text{ with } 0 \text{ at the index}', r'\bar{src} = \operatorname{select}(\bar{result})'))
slice_scatter = Function("SliceScatterBackward0", index_copy.forward, ("self", "src"), diagonal_scatter.rules,
                         math=(r'\bar{self} = \bar{result} \text{ with } 0 \text{ in the slice}', r'\bar{src} = \bar{result}[\text{slice}]'))
index_reduce = Function("IndexReduceBackward0",
                        lambda x, src, dim, index, reduce, include_self: F.np_index_reduce(x, dim, index, src, reduce, include_self),
                        ("self", "source"),
                        ('F.index_reduce_backward(grad, self, source, result, dim, index, reduce, include_self, "self")',
                         'F.index_reduce_backward(grad, self, source, result, dim, index, reduce, include_self, "source")'),
                        saves_params=("index",),
                        math=(r'\bar{self} = \bar{result} \odot \partial result / \partial self \text{ (prod: } result / self \text{; mean: } 1/N \text{; amax, amin: shared among ties)}',
                              r'\bar{source} = \operatorname{index\_select}(\bar{result} \odot \partial result / \partial source)'))
narrow_copy = Function("NarrowCopyBackward0", lambda x, positions: x.reshape(-1)[positions.reshape(-1)].reshape(positions.shape),
                       ("self",), ('F.spread_to(grad, positions, self_shape)',),
                       math=(r'\bar{self} = \bar{result} \text{ in the narrowed part, } 0 \text{ elsewhere}',))
# torch.stft(..., return_complex=False): the windowed frames' DFT, viewed as real; torch's
# chain below its ViewAsRealBackward0 (the FFT, the window's product, the frames' view) is
# this one node here, as the engine has no complex tensors
stft_real = DerivativeRow(
    "ViewAsRealBackward0",
    lambda x, w, n_fft, hop, onesided, normalized, squeeze: F.np_stft(x, w, n_fft, hop, onesided, normalized, squeeze),
    ("self", "window"),
    ('F.stft_backward(grad, self, window, n_fft, hop, onesided, normalized, squeeze, "self")',
     'F.stft_backward(grad, self, window, n_fft, hop, onesided, normalized, squeeze, "window")'),
    math=(r'\bar{self}_{t h + n} \mathrel{+}= window_n \textstyle\sum_f (\bar{re}_{f t} \cos \tfrac{2\pi f n}{N} - \bar{im}_{f t} \sin \tfrac{2\pi f n}{N})',
          r'\bar{window}_n = \textstyle\sum_{t, f} frame_{t n} (\bar{re}_{f t} \cos \tfrac{2\pi f n}{N} - \bar{im}_{f t} \sin \tfrac{2\pi f n}{N})'))
# --------------------------------------------------------------------------- numerics
frexp = DerivativeRow("FrexpBackward0", lambda x, exponent: np.frexp(x)[0], ("self",),
                      ('F.frexp_backward(grad, exponent)',), saves_params=("exponent",),
                      math=(r'\bar{self} = \bar{mantissa} / 2^{exponent}',))
ldexp = DerivativeRow("LdexpBackward0", lambda x, e: x * np.exp2(e), ("self", "other"),
                      ('grad * 2.0 ** other', 'grad * result * 0.6931471805599453'),
                      math=(r'\bar{self} = \bar{result} \odot 2^{other}', r'\bar{other} = \bar{result} \odot result \ln 2'))
nextafter = DerivativeRow("NextafterBackward0", np.nextafter, ("self", "other"),
                          ('grad', 'F.zeros_like(grad)'),
                          math=(r'\bar{self} = \bar{result}', r'\bar{other} = 0'))
renorm = DerivativeRow("RenormBackward0", lambda x, p, dim, maxnorm: F.np_renorm(x, p, dim, maxnorm), ("self",),
                       ('F.renorm_backward(grad, self, p, dim, maxnorm)',),
                       math=(r'\bar{self} = \tfrac{c}{\lVert s \rVert} \big(\bar{result} - \tfrac{\langle s, \bar{result} \rangle}{\lVert s \rVert} \partial_s \lVert s \rVert\big) \text{ for each slice } s \text{ above } c \text{, else } \bar{result}',))
transpose = Function("TransposeBackward0", lambda x, dim0, dim1: F.np_transpose(x, dim0, dim1),
                     ("self",), ('F.transpose(grad, dim0, dim1)',), is_view=True,
                     math=(r'\bar{self} = \operatorname{transpose}(\bar{result}, d_0, d_1)',))
repeat = Function("RepeatBackward0", lambda x, repeats: np.tile(x, repeats), ("self",),
                  ('F.repeat_backward(grad, repeats, self_shape)',),
                  math=(r'\bar{self} = \textstyle\sum_{\text{tiles}} \bar{result}',))
reshape_alias = Function("ReshapeAliasBackward0", view.forward, ("self",), view.rules, is_view=True,
                         math=view.math)
bmm = Function("BmmBackward0", np.matmul, ("self", "mat2"),
               ('grad @ F.mT(mat2)', 'F.mT(self) @ grad'),
               math=(r'\bar{self} = \bar{result} \, mat2^\top', r'\bar{mat2} = self^\top \bar{result}'))
# split, chunk and unbind: one node for all the pieces, whose gradient is the list of the
# pieces' gradients (the shapes module makes the views; these rows are their backward)
split = Function("SplitBackward0", lambda x, key: x[key], ("self",),
                 ("F.split_backward(grad, self_shape, dim, sizes)",), is_view=True, multi=True,
                 math=(r'\bar{self} = \operatorname{cat}_{\text{dim}}(\bar{result}_1, \dots, \bar{result}_k)',))
split_with_sizes = Function("SplitWithSizesBackward0", split.forward, ("self",), split.rules,
                            is_view=True, multi=True,
                            math=split.math)
unbind = Function("UnbindBackward0", split.forward, ("self",),
                  ("F.unbind_backward(grad, self_shape, dim)",), is_view=True, multi=True,
                  math=(r'\bar{self} = \operatorname{stack}_{\text{dim}}(\bar{result}_1, \dots, \bar{result}_k)',))


@functools.cache
def cat_row(n: int) -> Function:
    """torch.cat of n tensors (a row per number of inputs, each its piece of the gradient)."""
    return Function("CatBackward0", lambda *xs, dim, sizes: np.concatenate(xs, axis=dim),
                    ("tensors",) * n, tuple(f"F.cat_piece(grad, dim, sizes, {i})" for i in range(n)),
                    math=tuple(rf"\bar{{x}}_{{{i + 1}}} = \bar{{result}} \text{{, piece {i + 1} along dim}}"
                               for i in range(n)))


@functools.cache
def block_diag_row(n: int) -> Function:
    """torch.block_diag of n tensors (each input's gradient its block of grad's diagonal)."""
    return Function("BlockDiagBackward0", lambda *xs, shapes: F.np_block_diag(xs, shapes),
                    ("tensors",) * n, tuple(f"F.block_diag_piece(grad, shapes, {i})" for i in range(n)),
                    math=tuple(rf"\bar{{x}}_{{{i + 1}}} = \bar{{result}} \text{{, diagonal block {i + 1}}}"
                               for i in range(n)))


@functools.cache
def stack_row(n: int) -> Function:
    """torch.stack of n tensors."""
    return Function("StackBackward0", lambda *xs, dim: np.stack(xs, axis=dim),
                    ("tensors",) * n, tuple(f"F.unstack(grad, dim, {i})" for i in range(n)),
                    math=tuple(rf"\bar{{x}}_{{{i + 1}}} = \bar{{result}} \text{{, slice {i + 1} along dim}}"
                               for i in range(n)))


# --------------------------------------------------------------------------- indexing
# a trailing ... keeps an all-int key a 0-d view (numpy alone gives a scalar copy, which
# x[1].copy_(v) would write into instead of x)
select = Function("SelectBackward0", lambda x, key: x[(*key, ...)], ("self",),
                  ("F.embed(grad, self_shape, key)",), is_view=True,
                  math=(r'\bar{self} = \bar{result} \text{ placed at [key], } 0 \text{ elsewhere}',))
slice_ = Function("SliceBackward0", lambda x, key: x[key], ("self",), select.rules,
                  is_view=True, math=select.math)  # fmt: skip
# a view remade from its base after an in-place write through it (torch's rebase)
as_strided = Function("AsStridedBackward0", select.forward, ("self",), select.rules,
                      is_view=True, math=select.math)  # fmt: skip
index = Function("IndexBackward0", slice_.forward, ("self",), select.rules,
                 saves_params=("key",),
                 math=select.math)
# index_select and masked_select are indexing with a key of their own (index along dim, a mask)
index_select = Function("IndexSelectBackward0", slice_.forward, ("self",), select.rules,
                        saves_params=("key",),
                        math=select.math)
# nn.utils.rnn.pack_padded_sequence: the valid steps gathered time by time (key: the time
# and batch index of each packed row); PyTorch saves batch_sizes for its backward
pack_padded_sequence = Function("PackPaddedSequenceBackward0",
                                lambda x, key, batch_sizes, batch_first: x[key], ("self",),
                                ('F.pack_padded_backward(grad, self_shape, key, batch_sizes, batch_first)',),
                                saves_params=("key",),
                                math=(r'\bar{self} = \bar{result} \text{ at the packed steps, } 0 \text{ in the padding}',))
masked_select = Function("MaskedSelectBackward0", slice_.forward, ("self",), select.rules,
                         saves_params=("key",),
                         math=select.math)
# masked_fill with a number, or (MaskedFillBackward1) with a 0-dim tensor the filled places come from
masked_fill = Function("MaskedFillBackward0", lambda x, mask, value: np.where(mask, value, x).astype(x.dtype),
                       ("self",), ('F.where(mask, 0.0, grad)',), saves_params=("mask",),
                       math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[\lnot\text{mask}]',))
masked_fill_tensor = Function("MaskedFillBackward1", lambda x, v, mask: np.where(mask, v, x).astype(x.dtype),
                              ("self", "value"), ('F.where(mask, 0.0, grad)',
                                                  'F.where(mask, grad, 0.0).sum()'),
                              saves_params=("mask",),
                              math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[\lnot\text{mask}]', r'\bar{value} = \textstyle\sum \bar{result} \odot \mathbf{1}[\text{mask}]'))
# The adjoint of indexing (grad of a[key]); differentiable so that second derivatives work.
index_backward = Function("IndexBackwardBackward0", lambda g, shape, key: F.np_embed(g, shape, key),
                          ("grad",), ("grad[key]",),
                          math=(r'\bar{grad} = \bar{result}[\text{key}]',))

# torch._weight_norm over dim 0 or the last (ATen's fused kernel): w = v * (g / ||v||), the
# norm over every other dim; the gradients as its backward kernel computes them
weight_norm = Function("WeightNormInterfaceBackward0",
                       lambda v, g, dim: v * (g / F.norm_except(v, dim)), ("v", "g"),
                       ('g / F.norm_except(v, dim) * grad - g / F.norm_except(v, dim) * (F.sum_except(grad * v, dim) / F.norm_except(v, dim)) / F.norm_except(v, dim) * v',
                        'F.sum_except(grad * v, dim) / F.norm_except(v, dim)'),
                       math=(r'\bar{v} = \frac{g}{\lVert v \rVert} \left(\bar{result} - \frac{\bar{g}}{\lVert v \rVert} v\right)',
                             r'\bar{g} = \frac{\sum \bar{result} \odot v}{\lVert v \rVert}'))

# --------------------------------------------------------------------------- neural networks
# (torch.nn.functional; their kernels are NN., autograd/nn_formulas.py)
softmax = DerivativeRow("SoftmaxBackward0", lambda x, dim: NN.np_softmax(x, dim), ("self",),
                        ('NN.softmax_backward(grad, result, dim)',),
                        math=(r'\bar{self} = result \odot (\bar{result} - \textstyle\sum_{\text{dim}} \bar{result} \odot result)',))
log_softmax = DerivativeRow("LogSoftmaxBackward0", lambda x, dim: NN.np_log_softmax(x, dim),
                            ("self",), ('NN.log_softmax_backward(grad, result, dim)',),
                            math=(r'\bar{self} = \bar{result} - e^{result} \odot \textstyle\sum_{\text{dim}} \bar{result}',))
# Their gradients, as nodes (create_graph): PyTorch's _softmax_backward_data and
# _log_softmax_backward_data
softmax_backward_data = DerivativeRow(
    "SoftmaxBackwardDataBackward0", lambda g, y, dim: NN.softmax_backward(g, y, dim),
    ("grad_output", "output"),
    ('NN.softmax_backward(grad, output, dim)',
     'NN.softmax_double_backward(grad, grad_output, dim, output)'),
                                      math=(r'\bar{grad_output} = output \odot (\bar{result} - \textstyle\sum_{\text{dim}} \bar{result} \odot output)', r'\bar{output} = \bar{result} \odot (grad_output - \textstyle\sum_{\text{dim}} grad_output \odot output) - grad_output \odot \textstyle\sum_{\text{dim}} \bar{result} \odot output'))
log_softmax_backward_data = DerivativeRow(
    "LogSoftmaxBackwardDataBackward0", lambda g, y, dim: NN.log_softmax_backward(g, y, dim),
    ("grad_output", "output"),
    ('grad - F.sum_keep(grad * F.exp(output), dim)',
     '-F.sum_keep(grad_output, dim) * F.exp(output) * grad'),
                                          math=(r'\bar{grad_output} = \bar{result} - \textstyle\sum_{\text{dim}} \bar{result} \odot e^{output}', r'\bar{output} = -\bar{result} \odot e^{output} \textstyle\sum_{\text{dim}} grad_output'))
nll_loss = DerivativeRow("NllLossBackward0",
                         lambda x, target, reduction, ignore_index, weight:
                         NN.np_nll(x, target, reduction, ignore_index, weight), ("self",),
                         ('NN.nll_backward(grad, self, target, reduction, ignore_index, weight)',),
                         saves_params=("target",),
                         math=(r'\bar{self}_{i, t_i} = -\tfrac{w_{t_i}}{n} \bar{result}, \; 0 \text{ elsewhere}',))
nll_loss_backward = DerivativeRow(
    "NllLossBackwardBackward0",
    lambda g, x, target, reduction, ignore_index, weight:
    NN.np_nll_backward(g, x.shape, target, reduction, ignore_index, weight),
    ("grad_output", "self"),
    ('NN.nll(grad, target, reduction, ignore_index, weight)', 'F.zeros_like(grad)'),
    saves_params=("target",),
                                  math=(r'\bar{grad_output}_i = -\tfrac{w_{t_i}}{n} \bar{result}_{i, t_i}', r'\bar{self} = 0'))
# bias + mat1 @ mat2, as nn.Linear runs on a batch (bias is PyTorch's `self`)
addmm = DerivativeRow("AddmmBackward0", lambda b, m1, m2: b + m1 @ m2, ("self", "mat1", "mat2"),
                      ('grad', 'grad @ F.t(mat2)', 'F.t(mat1) @ grad'),
                      math=(r'\bar{self} = \bar{result}', r'\bar{mat1} = \bar{result} \, mat2^\top', r'\bar{mat2} = mat1^\top \bar{result}'))
binary_cross_entropy = DerivativeRow(
    "BinaryCrossEntropyBackward0", lambda x, t, reduction, weight: NN.np_bce(x, t, reduction, weight),
    ("self", "target"), ('NN.bce_backward(grad, self, target, reduction, weight)',
                         'NN.bce_target_backward(grad, self, reduction, weight)'),
                                     math=(r'\bar{self} = \tfrac{w}{n} \bar{result} \odot \frac{self - target}{self \, (1 - self)}', r'\bar{target} = -\tfrac{w}{n} \bar{result} \odot \operatorname{logit}(self)'))
binary_cross_entropy_backward = DerivativeRow(
    "BinaryCrossEntropyBackwardBackward0",
    lambda g, x, t, reduction, weight: NN.np_bce_backward(g, x, t, reduction, weight),
    ("grad_output", "self", "target"),
    ('NN.bce_double_backward_grad_output(grad, self, target, reduction, weight)',
     'NN.bce_double_backward(grad_output, grad, self, target, reduction, weight)', None),
                                              math=(r'\bar{grad_output} = \tfrac{w}{n} \bar{result} \odot \frac{self - target}{self \, (1 - self)}', r'\bar{self} = \tfrac{w}{n} \bar{result} \odot grad_output \odot \frac{self^2 - 2 \, target \, self + target}{self^2 (1 - self)^2}', None))
# pos_weight p scales the positive term: loss = w ((1 - target) self - (1 + (p - 1) target) log σ(self))
binary_cross_entropy_with_logits = DerivativeRow(
    "BinaryCrossEntropyWithLogitsBackward0",
    lambda x, t, reduction, weight, pos_weight: NN.np_bce_logits(x, t, reduction, weight, pos_weight),
    ("self", "target"), ('NN.bce_logits_backward(grad, self, target, reduction, weight, pos_weight)',
                         'NN.bce_logits_target_backward(grad, self, reduction, weight, pos_weight)'),
                                                 math=(r'\bar{self} = \tfrac{w}{n} \bar{result} \odot ((1 + (p - 1) \, target) \, \sigma(self) - p \, target)', r'\bar{target} = \tfrac{w}{n} \bar{result} \odot (\log \sigma(-self) - p \log \sigma(self))'))
# --------------------------------------------------------------------------- learner math (clamp, more elementwise, reductions)
# clamp(min=, max=) with numbers; lo/hi are None where not given
clamp_scalar = DerivativeRow("ClampBackward1", lambda x, lo, hi: F.np_clamp(x, lo, hi), ("self",),
                             ('F.where(F.clamp_mask(self, lo, hi), grad, 0.0)',),
                             math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[\text{lo} \le self \le \text{hi}]',))
# clamp_min(number) / clamp_max(number): clamp with one bound, under their own names
clamp_min = DerivativeRow("ClampMinBackward0", lambda x, lo: F.np_clamp(x, lo, None), ("self",),
                          ('F.where(F.clamp_mask(self, lo, None), grad, 0.0)',),
                          math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[self \ge \text{min}]',))
clamp_max = DerivativeRow("ClampMaxBackward0", lambda x, hi: F.np_clamp(x, None, hi), ("self",),
                          ('F.where(F.clamp_mask(self, None, hi), grad, 0.0)',),
                          math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[self \le \text{max}]',))
# clamp with tensor bounds (a missing one is an infinite constant that needs no gradient)
clamp_tensor = DerivativeRow("ClampBackward0", lambda x, lo, hi: np.minimum(np.maximum(x, lo), hi),
                             ("self", "lo", "hi"),
                             ('F.where((F.data(self) >= F.data(lo)) & (F.data(self) <= F.data(hi)), grad, 0.0)',
                              'F.where((F.data(self) < F.data(lo)) & (F.data(lo) < F.data(hi)), grad, 0.0)',
                              'F.where((F.data(self) > F.data(hi)) | (F.data(hi) < F.data(lo)), grad, 0.0)'),
                             math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[lo \le self \le hi]', r'\bar{lo} = \bar{result} \odot \mathbf{1}[self < lo]', r'\bar{hi} = \bar{result} \odot \mathbf{1}[self > hi]'))
maximum = DerivativeRow("MaximumBackward0", np.maximum, ("self", "other"),
                        ('F.where(F.data(self) < F.data(other), 0.0, F.where(F.data(self) == F.data(other), grad / 2, grad))',
                         'F.where(F.data(self) > F.data(other), 0.0, F.where(F.data(self) == F.data(other), grad / 2, grad))'),
                        math=(r'\bar{self} = \bar{result} \odot (\mathbf{1}[self > other] + \tfrac{1}{2} \mathbf{1}[self = other])', r'\bar{other} = \bar{result} \odot (\mathbf{1}[other > self] + \tfrac{1}{2} \mathbf{1}[self = other])'))
minimum = DerivativeRow("MinimumBackward0", np.minimum, ("self", "other"),
                        ('F.where(F.data(self) > F.data(other), 0.0, F.where(F.data(self) == F.data(other), grad / 2, grad))',
                         'F.where(F.data(self) < F.data(other), 0.0, F.where(F.data(self) == F.data(other), grad / 2, grad))'),
                        math=(r'\bar{self} = \bar{result} \odot (\mathbf{1}[self < other] + \tfrac{1}{2} \mathbf{1}[self = other])', r'\bar{other} = \bar{result} \odot (\mathbf{1}[other < self] + \tfrac{1}{2} \mathbf{1}[self = other])'))
exp2 = DerivativeRow("Exp2Backward0", F.precise(np.exp2, lambda v: 2.0**v), ("self",),
                     ('grad * result * F.LN2',),
                     math=(r'\bar{self} = \bar{result} \odot result \ln 2',))
log1p = DerivativeRow("Log1PBackward0", F.precise(np.log1p, math.log1p), ("self",),
                      ('grad / (self + 1)',),
                      math=(r'\bar{self} = \bar{result} / (1 + self)',))
expm1 = DerivativeRow("Expm1Backward0", F.precise(np.expm1, math.expm1), ("self",),
                      ('grad * (result + 1)',),
                      math=(r'\bar{self} = \bar{result} \odot (result + 1)',))
log2 = DerivativeRow("Log2Backward0", F.precise(np.log2, math.log2), ("self",),
                     ('grad / (self * F.LN2)',),
                     math=(r'\bar{self} = \bar{result} / (self \ln 2)',))
log10 = DerivativeRow("Log10Backward0", F.precise(np.log10, math.log10), ("self",),
                      ('grad / (self * F.LN10)',),
                      math=(r'\bar{self} = \bar{result} / (self \ln 10)',))
asin = DerivativeRow("AsinBackward0", F.precise(np.arcsin, math.asin), ("self",),
                     ('grad * F.rsqrt(-self * self + 1)',),
                     math=(r'\bar{self} = \bar{result} / \sqrt{1 - self^2}',))
acos = DerivativeRow("AcosBackward0", F.precise(np.arccos, math.acos), ("self",),
                     ('grad * -F.rsqrt(-self * self + 1)',),
                     math=(r'\bar{self} = -\bar{result} / \sqrt{1 - self^2}',))
atan = DerivativeRow("AtanBackward0", F.precise(np.arctan, math.atan), ("self",),
                     ('grad / (self * self + 1)',),
                     math=(r'\bar{self} = \bar{result} / (1 + self^2)',))
sinh = DerivativeRow("SinhBackward0", F.precise(np.sinh, math.sinh), ("self",),
                     ('grad * F.cosh(self)',),
                     math=(r'\bar{self} = \bar{result} \odot \cosh self',))
cosh = DerivativeRow("CoshBackward0", F.precise(np.cosh, math.cosh), ("self",),
                     ('grad * F.sinh(self)',),
                     math=(r'\bar{self} = \bar{result} \odot \sinh self',))
rsqrt = DerivativeRow("RsqrtBackward0", F.precise(F.np_rsqrt, F.math_rsqrt), ("self",),
                      ('-0.5 * grad * result ** 3',),
                      math=(r'\bar{self} = -\tfrac{1}{2} \bar{result} \odot result^3',))
tan = DerivativeRow("TanBackward0", F.precise(np.tan, math.tan), ("self",),
                    ('grad * (result * result + 1)',),
                    math=(r'\bar{self} = \bar{result} \odot (1 + result^2)',))
asinh = DerivativeRow("AsinhBackward0", F.precise(np.arcsinh, math.asinh), ("self",),
                      ('grad * F.rsqrt(self * self + 1)',),
                      math=(r'\bar{self} = \bar{result} / \sqrt{self^2 + 1}',))
acosh = DerivativeRow("AcoshBackward0", F.precise(np.arccosh, math.acosh), ("self",),
                      ('grad * F.rsqrt(self * self - 1)',),
                      math=(r'\bar{self} = \bar{result} / \sqrt{self^2 - 1}',))
atanh = DerivativeRow("AtanhBackward0", F.precise(np.arctanh, math.atanh), ("self",),
                      ('grad / (1 - self * self)',),
                      math=(r'\bar{self} = \bar{result} / (1 - self^2)',))
# their in-place forms: PyTorch records a node of its own that has no derivative
asinh_ = DerivativeRow("AsinhBackward1", asinh.forward, ("self",),
                       ('F.not_implemented("inplace version of asinh")',),
                       math=(r'\bar{self} \text{: not implemented}',))
acosh_ = DerivativeRow("AcoshBackward1", acosh.forward, ("self",),
                       ('F.not_implemented("inplace version of acosh")',),
                       math=(r'\bar{self} \text{: not implemented}',))
atanh_ = DerivativeRow("AtanhBackward1", atanh.forward, ("self",),
                       ('F.not_implemented("inplace version of atanh")',),
                       math=(r'\bar{self} \text{: not implemented}',))
floor = DerivativeRow("FloorBackward0", np.floor, ("self",), ('F.zeros_like(grad)',),
                      math=(r'\bar{self} = 0',))
ceil = DerivativeRow("CeilBackward0", np.ceil, ("self",), ('F.zeros_like(grad)',),
                     math=(r'\bar{self} = 0',))
trunc = DerivativeRow("TruncBackward0", np.trunc, ("self",), ('F.zeros_like(grad)',),
                      math=(r'\bar{self} = 0',))
round_ = DerivativeRow("RoundBackward0", np.rint, ("self",), ('F.zeros_like(grad)',),
                       math=(r'\bar{self} = 0',))
round_decimals = DerivativeRow("RoundBackward1", lambda x, decimals: F.np_round(x, decimals), ("self",),
                               ('F.zeros_like(grad)',),
                               math=(r'\bar{self} = 0',))
frac = DerivativeRow("FracBackward0", lambda x: x - np.trunc(x), ("self",), ('grad',),
                     math=(r'\bar{self} = \bar{result}',))
prod_all = DerivativeRow("ProdBackward0", lambda x, dtype: np.prod(x, dtype=dtype), ("self",),
                         ('F.prod_backward(grad, self, result, None, False)',),
                         math=(r'\bar{self}_i = \bar{result} \textstyle\prod_{j \ne i} {self}_j',))
prod_dim = DerivativeRow("ProdBackward1", lambda x, dim, keepdim, dtype: np.prod(
                             x, axis=dim if x.ndim else None, keepdims=keepdim, dtype=dtype), ("self",),
                         ('F.prod_backward(grad, self, result, dim, keepdim)',),
                         math=(r'\bar{self}_i = \bar{result} \textstyle\prod_{j \ne i} {self}_j \text{ along dim}',))
cumsum = DerivativeRow("CumsumBackward0", lambda x, dim, dtype: F.np_scan(np.cumsum, x, dim, dtype),
                       ("self",), ('F.reversed_cumsum(grad, dim)',),
                       math=(r'\bar{self}_i = \textstyle\sum_{j \ge i} \bar{result}_j',))
cumprod = DerivativeRow("CumprodBackward0", lambda x, dim, dtype: F.np_scan(np.cumprod, x, dim, dtype),
                        ("self",), ('F.cumprod_backward(grad, self, result, dim)',),
                        math=(r'\bar{self}_i = \textstyle\sum_{j \ge i} \bar{result}_j \prod_{k \le j, \, k \ne i} {self}_k',))
var = DerivativeRow("VarBackward0", lambda x, dim, correction, keepdim: F.np_var(x, dim, correction, keepdim),
                    ("self",), ('F.var_backward(grad, self, dim, correction, keepdim)',),
                    math=(r'\bar{self} = \frac{2}{N - c} \bar{result} \odot (self - \mu)',))
std = DerivativeRow("StdBackward0", lambda x, dim, correction, keepdim: np.sqrt(
                        F.np_var(x, dim, correction, keepdim)),
                    ("self",), ('F.std_backward(grad, self, result, dim, correction, keepdim)',),
                    math=(r'\bar{self} = \frac{\bar{result}}{(N - c) \, result} \odot (self - \mu)',))
logsumexp = DerivativeRow("LogsumexpBackward0", lambda x, dim, keepdim: F.np_logsumexp(x, dim, keepdim),
                          ("self",), ('F.logsumexp_backward(grad, self, result, dim, keepdim)',),
                          math=(r'\bar{self} = \bar{result} \odot e^{self - result}',))
gather = DerivativeRow("GatherBackward0", lambda x, dim, index: F.np_gather(x, dim, index), ("self",),
                       ('F.gather_backward(grad, self_shape, dim, index)',), saves_params=("index",),
                       math=(r'\bar{self} = \operatorname{scatter\_add}_{\text{dim}}(0, \text{index}, \bar{result})',))
topk = DerivativeRow("TopkBackward0", lambda x, dim, indices: F.np_take_along(x, indices, dim),
                     ("self",), ('F.select_back(grad, self_shape, dim, True, indices)',),
                     saves_params=("indices",),
                     math=(r'\bar{self} = \bar{result} \text{ at the picked indices, } 0 \text{ elsewhere}',))
sort = DerivativeRow("SortBackward0", topk.forward, ("self",), topk.rules, saves_params=("indices",),
                     math=topk.math)
sort_stable = DerivativeRow("SortBackward1", topk.forward, ("self",), topk.rules, saves_params=("indices",),
                            math=topk.math)
amax = DerivativeRow("AmaxBackward0", lambda x, dim, keepdim: np.max(x, axis=dim, keepdims=keepdim),
                     ("self",), ('F.amax_backward(grad, self, result, dim, keepdim)',),
                     math=(r'\bar{self} = \bar{result} \, \frac{\mathbf{1}[self = result]}{\#\text{ties}}',))
amin = DerivativeRow("AminBackward0", lambda x, dim, keepdim: np.min(x, axis=dim, keepdims=keepdim),
                     ("self",), amax.rules,
                     math=amax.math)
# The nodes gradients of the rows above are made of (create_graph): x.flip(dims),
# x.scatter(dim, index, src), x.scatter_add(dim, index, src), x.div_(number)
flip = DerivativeRow("FlipBackward0", lambda x, dims: np.flip(x, dims).copy(), ("self",),
                     ('F.flip(grad, dims)',),
                     math=(r'\bar{self} = \operatorname{flip}(\bar{result})',))
scatter = DerivativeRow("ScatterBackward0", lambda x, src, dim, index: F.np_scatter(x, src, dim, index),
                        ("self", "src"),
                        ('F.where(F.scatter_mask(self_shape, dim, index), 0.0, grad)',
                         'F.gather(grad, dim, index)'), saves_params=("index",),
                        math=(r'\bar{self} = \bar{result} \text{, } 0 \text{ where scattered}', r'\bar{src} = \operatorname{gather}_{\text{dim}}(\bar{result}, \text{index})'))
# x.scatter(dim, index, value): a number written at the indices
scatter_value = DerivativeRow("ScatterBackward1",
                              lambda x, dim, index, value: F.np_scatter(x, np.full(index.shape, value, x.dtype), dim, index),
                              ("self",),
                              ('F.where(F.scatter_mask(self_shape, dim, index), 0.0, grad)',),
                              saves_params=("index",),
                              math=(r'\bar{self} = \bar{result} \text{, } 0 \text{ where scattered}',))
scatter_add = DerivativeRow("ScatterAddBackward0",
                            lambda x, src, dim, index: F.np_scatter_add(x, src, dim, index),
                            ("self", "src"), ('grad', 'F.gather(grad, dim, index)'),
                            saves_params=("index",),
                            math=(r'\bar{self} = \bar{result}', r'\bar{src} = \operatorname{gather}_{\text{dim}}(\bar{result}, \text{index})'))
div_scalar = DerivativeRow("DivBackward1", lambda x, other: x / other, ("self",), ('grad / other',),
                           math=(r'\bar{self} = \bar{result} / c',))
linalg_pinv = DerivativeRow("LinalgPinvBackward0", lambda A, atol, rtol: F.np_pinv(A, atol, rtol), ("self",),
                            ('F.pinv_backward(grad, result, self)',),
                            math=(r'\bar{self} = \operatorname{pinv\_backward}(\bar{result}, A^+, A)',))
# lstsq: one node for (solution, residuals)
linalg_lstsq = DerivativeRow("LinalgLstsqBackward0", lambda A, B: A, ("self", "b"),
                             ('F.lstsq_backward(grad, 0, self, b, solution, vector)',
                              'F.lstsq_backward(grad, 1, self, b, solution, vector)'), multi=True,
                             math=(r'\bar{self} = \operatorname{pinv\_backward}(\bar{X} b^\top) + 2 \bar{r} (A X - b) X^\top',
                                   r'\bar{b} = (A^+)^\top \bar{X} - 2 \bar{r} (A X - b)'))
# torch.compile's graph, one node to autograd (the engine runs the code eagerly under it)
compiled_function = DerivativeRow("CompiledFunctionBackward", lambda x: x, ("self",), ('grad',),
                                  math=(r'\bar{self} = \bar{result} \text{ (through the compiled graph)}',))
# F.interpolate: each output reads one input (nearest) or two per dim (linear), weighted
def _upsample_row(name: str) -> DerivativeRow:
    return DerivativeRow(name, lambda x, maps: NN.np_upsample(x, maps), ("self",),
                         ('NN.upsample_backward(grad, self_shape, maps)',),
                         math=(r'\bar{self} = \textstyle\sum_{\text{outputs read from it}} w \, \bar{result}',))


upsample_nearest1d = _upsample_row("UpsampleNearest1DBackward0")
upsample_nearest2d = _upsample_row("UpsampleNearest2DBackward0")
upsample_nearest_exact1d = _upsample_row("UpsampleNearestExact1DBackward0")
upsample_nearest_exact2d = _upsample_row("UpsampleNearestExact2DBackward0")
upsample_linear1d = _upsample_row("UpsampleLinear1DBackward0")
upsample_bilinear2d = _upsample_row("UpsampleBilinear2DBackward0")
soft_margin_loss = DerivativeRow("SoftMarginLossBackward0",
                                 lambda x, target, reduction: NN.np_soft_margin(x, target, reduction), ("self",),
                                 ('NN.soft_margin_backward(grad, self, target, reduction)',),
                                 saves_params=("target",),
                                 math=(r'\bar{self} = -\tfrac{1}{n} \bar{result} \, \frac{y \, e^{-y \, self}}{1 + e^{-y \, self}}',))
# special functions (torch.lgamma, digamma, polygamma, erfinv, sinc)
lgamma = DerivativeRow("LgammaBackward0", F.np_lgamma, ("self",),
                       ('F.special_backward(grad, self, "digamma")',),
                       math=(r'\bar{self} = \bar{result} \odot \psi(self)',))
digamma = DerivativeRow("DigammaBackward0", F.np_digamma, ("self",),
                        ('F.special_backward(grad, self, "trigamma")',),
                        math=(r'\bar{self} = \bar{result} \odot \psi_1(self)',))
polygamma = DerivativeRow("PolygammaBackward0", lambda x, n: F.np_polygamma(n, x), ("self",),
                          ('F.polygamma_backward(grad, self, n)',),
                          math=(r'\bar{self} = \bar{result} \odot \psi_{n+1}(self)',))
erfinv = DerivativeRow("ErfinvBackward0", F.np_erfinv, ("self",),
                       ('F.erfinv_backward(grad, result)',),
                       math=(r'\bar{self} = \bar{result} \odot \tfrac{\sqrt{\pi}}{2} e^{result^2}',))
sinc = DerivativeRow("SincBackward0", F.np_sinc, ("self",), ('F.sinc_backward(grad, self)',),
                     math=(r'\bar{self} = \bar{result} \odot \frac{\pi self \cos(\pi self) - \sin(\pi self)}{\pi self^2}',))
# x.unfold(dim, size, step): windows as a view; F.unfold / F.fold: image patches as columns
unfold_dim = DerivativeRow("UnfoldBackward0", lambda x, dim, size, step: NN.np_unfold_dim(x, dim, size, step),
                           ("self",), ('NN.unfold_dim_backward(grad, self_shape, dim, size, step)',),
                           is_view=True,
                           math=(r'\bar{self} = \textstyle\sum_{\text{windows}} \bar{result} \text{ where each window was read}',))
im2col = DerivativeRow("Im2ColBackward0",
                       lambda x, kernel, dilation, padding, stride: NN.np_im2col(x, kernel, dilation, padding, stride),
                       ("self",), ('NN.im2col_backward(grad, self_shape, kernel, dilation, padding, stride)',),
                       math=(r'\bar{self} = \operatorname{fold}(\bar{result})',))
col2im = DerivativeRow("Col2ImBackward0",
                       lambda x, output_size, kernel, dilation, padding, stride:
                       NN.np_col2im(x, output_size, kernel, dilation, padding, stride),
                       ("self",), ('NN.col2im_backward(grad, kernel, dilation, padding, stride)',),
                       math=(r'\bar{self} = \operatorname{unfold}(\bar{result})',))
scatter_reduce = DerivativeRow(
    "ScatterReduceBackward0",
    lambda x, src, dim, index, reduce, include_self: F.np_scatter_reduce(x, src, dim, index, reduce, include_self),
    ("self", "src"),
    ('F.scatter_reduce_backward(grad, self, src, result, dim, index, reduce, include_self, 0)',
     'F.scatter_reduce_backward(grad, self, src, result, dim, index, reduce, include_self, 1)'),
    saves_params=("index",),
    math=(r'\bar{self} = \bar{result} \text{ through the reduction, where it took part}',
          r'\bar{src} = \bar{result} \text{ at index, through the reduction}'))
# tensor + number where PyTorch's C++ calls add(Tensor, Scalar) (pairwise_distance's eps,
# the margin losses)
add_scalar = DerivativeRow("AddBackward1", lambda x, other: x + other, ("self",), ('grad',),
                           math=(r'\bar{self} = \bar{result}',))
# tensor * number where PyTorch's C++ composites call mul(Tensor, Scalar) (trapezoid)
mul_scalar = DerivativeRow("MulBackward1", lambda x, other: x * other, ("self",), ('grad * other',),
                           math=(r'\bar{self} = c \, \bar{result}',))
# in place on a tensor that requires grad: zero_, fill_, copy_ (x's old values get no gradient)
zero = DerivativeRow("ZeroBackward0", np.zeros_like, ("self",), ('F.zeros_like(grad)',),
                     math=(r'\bar{self} = 0',))
fill_scalar = DerivativeRow("FillBackward2", lambda x, value: np.full_like(x, value), ("self",),
                            ('F.zeros_like(grad)',),
                            math=(r'\bar{self} = 0',))
fill_tensor = DerivativeRow("FillBackward3", lambda x, v: np.full_like(x, v), ("self", "value"),
                            ('F.zeros_like(grad)', 'F.sum_all(grad)'),
                            math=(r'\bar{self} = 0', r'\bar{value} = \textstyle\sum \bar{result}'))
# x.normal_() / x.uniform_() on a tensor that requires grad: the drawn values get no gradient
normal_fill = DerivativeRow("NormalBackward0", lambda x, values: values, ("self",),
                            ('F.zeros_like(grad)',),
                            math=(r'\bar{self} = 0',))
uniform_fill = DerivativeRow("UniformBackward0", lambda x, values: values, ("self",),
                             ('F.zeros_like(grad)',),
                             math=(r'\bar{self} = 0',))
# random_ (to and from, to only, neither), exponential_, geometric_, cauchy_, log_normal_
random_from_to_fill = DerivativeRow("RandomBackward0", normal_fill.forward, ("self",), normal_fill.rules,
                                    math=normal_fill.math)
random_to_fill = DerivativeRow("RandomBackward1", normal_fill.forward, ("self",), normal_fill.rules,
                               math=normal_fill.math)
random_fill = DerivativeRow("RandomBackward2", normal_fill.forward, ("self",), normal_fill.rules,
                            math=normal_fill.math)
exponential_fill = DerivativeRow("ExponentialBackward0", normal_fill.forward, ("self",), normal_fill.rules,
                                 math=normal_fill.math)
geometric_fill = DerivativeRow("GeometricBackward0", normal_fill.forward, ("self",), normal_fill.rules,
                               math=normal_fill.math)
cauchy_fill = DerivativeRow("CauchyBackward0", normal_fill.forward, ("self",), normal_fill.rules,
                            math=normal_fill.math)
log_normal_fill = DerivativeRow("LogNormalBackward0", normal_fill.forward, ("self",), normal_fill.rules,
                                math=normal_fill.math)
copy_ = DerivativeRow("torch::autograd::CopyBackwards",
                      lambda x, src: np.broadcast_to(src, x.shape).astype(x.dtype), ("self", "src"),
                      ('F.zeros_like(grad)', 'grad'),
                      math=(r'\bar{self} = 0', r'\bar{src} = \bar{result}'))

# --------------------------------------------------------------------------- more learner ops
# tril/triu, trace, atan2, erf/erfc, logaddexp, hypot, lerp, addcmul/addcdiv, nan_to_num,
# median, roll, index_add, index_fill, det, inverse
tril = DerivativeRow("TrilBackward0", lambda x, diagonal: np.tril(x, diagonal), ("self",),
                     ('F.tril(grad, diagonal)',),
                     math=(r'\bar{self} = \operatorname{tril}_k(\bar{result})',))
triu = DerivativeRow("TriuBackward0", lambda x, diagonal: np.triu(x, diagonal), ("self",),
                     ('F.triu(grad, diagonal)',),
                     math=(r'\bar{self} = \operatorname{triu}_k(\bar{result})',))
trace = DerivativeRow("TraceBackward0", lambda x, dtype: np.trace(x, dtype=dtype), ("self",),
                      ('F.trace_backward(grad, self_shape)',),
                      math=(r'\bar{self} = \bar{result} \, I',))
atan2 = DerivativeRow("Atan2Backward0", F.in_double(np.arctan2), ("self", "other"),
                      ('grad * other * (1 / (self * self + other * other))',
                       'grad * -self * (1 / (self * self + other * other))'),
                      math=(r'\bar{self} = \bar{result} \odot \frac{other}{self^2 + other^2}', r'\bar{other} = -\bar{result} \odot \frac{self}{self^2 + other^2}'))
erf = DerivativeRow("ErfBackward0", F.np_erf, ("self",),
                    ('F.TWO_OVER_SQRTPI * F.exp_rounded(-(self ** 2)) * grad',),
                    math=(r'\bar{self} = \bar{result} \odot \tfrac{2}{\sqrt{\pi}} e^{-self^2}',))
erfc = DerivativeRow("ErfcBackward0", F.np_erfc, ("self",),
                     ('-F.TWO_OVER_SQRTPI * F.exp_rounded(-(self ** 2)) * grad',),
                     math=(r'\bar{self} = -\bar{result} \odot \tfrac{2}{\sqrt{\pi}} e^{-self^2}',))
logaddexp = DerivativeRow("LogaddexpBackward0", F.in_double(np.logaddexp), ("self", "other"),
                          ('grad / (1 + F.exp_rounded(other - self))', 'grad / (1 + F.exp_rounded(self - other))'),
                          math=(r'\bar{self} = \bar{result} / (1 + e^{other - self})', r'\bar{other} = \bar{result} / (1 + e^{self - other})'))
logaddexp2 = DerivativeRow("Logaddexp2Backward0", F.in_double(np.logaddexp2), ("self", "other"),
                           ('grad / (1 + F.exp2_rounded(other - self))', 'grad / (1 + F.exp2_rounded(self - other))'),
                           math=(r'\bar{self} = \bar{result} / (1 + 2^{other - self})', r'\bar{other} = \bar{result} / (1 + 2^{self - other})'))
# fmax/fmin: maximum/minimum that pass over NaN; a tie (0 and -0) goes to self, as C's fmax
fmax = DerivativeRow("FmaxBackward0", lambda a, b: np.where((a >= b) | np.isnan(b), a, b), ("self", "other"),
                     ('F.where((F.data(self) >= F.data(other)) | np.isnan(F.data(other)), grad, 0.0)',
                      'F.where((F.data(self) >= F.data(other)) | np.isnan(F.data(other)), 0.0, grad)'),
                     math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[self \ge other \lor other = \mathrm{nan}]', r'\bar{other} = \bar{result} \odot \mathbf{1}[\text{otherwise}]'))
fmin = DerivativeRow("FminBackward0", lambda a, b: np.where((a <= b) | np.isnan(b), a, b), ("self", "other"),
                     ('F.where((F.data(self) <= F.data(other)) | np.isnan(F.data(other)), grad, 0.0)',
                      'F.where((F.data(self) <= F.data(other)) | np.isnan(F.data(other)), 0.0, grad)'),
                     math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[self \le other \lor other = \mathrm{nan}]', r'\bar{other} = \bar{result} \odot \mathbf{1}[\text{otherwise}]'))
# copysign: self's magnitude, other's sign; no gradient reaches other
copysign = DerivativeRow("CopysignBackward0", np.copysign, ("self", "other"),
                         ('F.where(F.data(self) == 0, 0.0, grad * result / self)', 'F.zeros_like(grad)'),
                         math=(r'\bar{self} = \bar{result} \odot result / self \; (0 \text{ where } self = 0)', r'\bar{other} = 0'))
copysign_scalar = DerivativeRow("CopysignBackward1", lambda a, other: np.copysign(a, other).astype(a.dtype, copy=False), ("self",),
                                ('F.where(F.data(self) == 0, 0.0, grad * result / self)',),
                                math=(r'\bar{self} = \bar{result} \odot result / self \; (0 \text{ where } self = 0)',))
# PyTorch has no heaviside derivative: a NotImplemented node
heaviside = DerivativeRow("NotImplemented", np.heaviside, ("self", "values"),
                          ('F.no_aten_derivative("heaviside")',) * 2,
                          math=(r'\bar{self} \text{: not implemented}', r'\bar{values} \text{: not implemented}'))
hypot = DerivativeRow("HypotBackward0", F.in_double(np.hypot), ("self", "other"),
                      ('grad * self / result', 'grad * other / result'),
                      math=(r'\bar{self} = \bar{result} \odot self / result', r'\bar{other} = \bar{result} \odot other / result'))
# lerp(self, end, number) and lerp(self, end, weight tensor)
lerp_scalar = DerivativeRow("LerpBackward0", lambda x, end, weight: F.np_lerp(x, end, weight),
                            ("self", "end"), ('grad * (1 - weight)', 'grad * weight'),
                            math=(r'\bar{self} = \bar{result} (1 - w)', r'\bar{end} = \bar{result} \, w'))
lerp_tensor = DerivativeRow("LerpBackward1", F.np_lerp, ("self", "end", "weight"),
                            ('grad * (1 - weight)', 'grad * weight', 'grad * (end - self)'),
                            math=(r'\bar{self} = \bar{result} \odot (1 - weight)', r'\bar{end} = \bar{result} \odot weight', r'\bar{weight} = \bar{result} \odot (end - self)'))
addcmul = DerivativeRow("AddcmulBackward0", lambda x, t1, t2, value: x + value * t1 * t2,
                        ("self", "tensor1", "tensor2"),
                        ('grad', 'grad * (tensor2 * value)', 'grad * (tensor1 * value)'),
                        math=(r'\bar{self} = \bar{result}', r'\bar{tensor1} = \bar{result} \odot tensor2 \, v', r'\bar{tensor2} = \bar{result} \odot tensor1 \, v'))
addcdiv = DerivativeRow("AddcdivBackward0", lambda x, t1, t2, value: x + value * t1 / t2,
                        ("self", "tensor1", "tensor2"),
                        ('grad', 'grad * (value / tensor2)', '-grad * (value * tensor1 / (tensor2 * tensor2))'),
                        math=(r'\bar{self} = \bar{result}', r'\bar{tensor1} = \bar{result} \odot v / tensor2', r'\bar{tensor2} = -\bar{result} \odot v \, tensor1 / tensor2^2'))
nan_to_num = DerivativeRow("NanToNumBackward0",
                           lambda x, nan, posinf, neginf: F.np_nan_to_num(x, nan, posinf, neginf),
                           ("self",), ('F.finite_only(grad, self)',),
                           math=(r'\bar{self} = \bar{result} \odot \mathbf{1}[self \text{ finite}]',))
# median() shares the gradient between ties, median(dim) sends it to the index it picked
median_all = DerivativeRow("MedianBackward0", F.np_median, ("self",),
                           ('F.evenly_distribute(grad, self, result)',),
                           math=(r'\bar{self} = \bar{result} \, \frac{\mathbf{1}[self = result]}{\#\text{ties}}',))
median_dim = DerivativeRow("MedianBackward1", max_dim.forward, ("self",), max_dim.rules,
                           saves_params=("indices",), math=max_dim.math)
roll = DerivativeRow("RollBackward0", lambda x, shifts, dims: F.roll(x, shifts, dims), ("self",),
                     ('F.roll_back(grad, shifts, dims)',),
                     math=(r'\bar{self} = \operatorname{roll}(\bar{result}, -\text{shifts})',))
index_add = DerivativeRow("IndexAddBackward0",
                          lambda x, src, dim, index, alpha: F.np_index_add(x, src, dim, index, alpha),
                          ("self", "source"),
                          ('grad', 'F.index_add_source_back(grad, dim, index, alpha)'),
                          saves_params=("index",),
                          math=(r'\bar{self} = \bar{result}', r'\bar{source} = \alpha \operatorname{index\_select}_{\text{dim}}(\bar{result}, \text{index})'))
index_fill = DerivativeRow("IndexFillBackward0",
                           lambda x, dim, index, value: F.np_index_fill(x, dim, index, value),
                           ("self",), ('F.index_fill(grad, dim, index, 0)',), saves_params=("index",),
                           math=(r'\bar{self} = \bar{result} \text{, } 0 \text{ where filled}',))
index_fill_tensor = DerivativeRow("IndexFillBackward1",
                                  lambda x, v, dim, index: F.np_index_fill(x, dim, index, v),
                                  ("self", "value"),
                                  ('F.index_fill(grad, dim, index, 0)', 'F.index_fill_value_back(grad, dim, index)'),
                                  saves_params=("index",),
                                  math=(r'\bar{self} = \bar{result} \text{, } 0 \text{ where filled}', r'\bar{value} = \textstyle\sum_{\text{filled}} \bar{result}'))
det = DerivativeRow("LinalgDetBackward0", F.np_det, ("self",),
                    ('F.det_backward(grad, self, result)',),
                    math=(r'\bar{self} = \bar{result} \, result \, self^{-\top}',))
inverse = DerivativeRow("LinalgInvExBackward0", np.linalg.inv, ("self",),
                        ('-(F.mT(result) @ (grad @ F.mT(result)))',),
                        math=(r'\bar{self} = -result^\top \bar{result} \, result^\top',))
# cummax/cummin send each output's gradient to the index it came from
cummax = DerivativeRow("CummaxBackward0", lambda x, dim, indices: F.np_take_along(x, indices, dim),
                       ("self",), ('F.cum_extreme_backward(grad, self_shape, dim, indices)',),
                       saves_params=("indices",),
                       math=(r'\bar{self} = \textstyle\sum \bar{result} \text{ at the indices the running extreme came from}',))
cummin = DerivativeRow("CumminBackward0", cummax.forward, ("self",), cummax.rules,
                       saves_params=("indices",), math=cummax.math)
rot90 = DerivativeRow("Rot90Backward0", lambda x, k, dims: np.rot90(x, k, dims).copy(), ("self",),
                      ('F.rot90(grad, -k, dims)',),
                      math=(r'\bar{self} = \operatorname{rot90}(\bar{result}, -k)',))
take = DerivativeRow("TakeBackward0", lambda x, index: x.reshape(-1)[index], ("self",),
                     ('F.take_backward(grad, self_shape, index)',), saves_params=("index",),
                     math=(r'\bar{self} = \bar{result} \text{ added at the flat indices}',))
# var_mean/std_mean: one node for both outputs, its gradient the list of theirs
var_mean = DerivativeRow("VarMeanBackward0", lambda x: x, ("self",),
                         ('F.var_mean_backward(grad, self, None, dim, correction, keepdim)',), multi=True,
                         math=(r'\bar{self} = \frac{2}{N - c} \bar{var} \odot (self - \mu) + \tfrac{1}{N} \bar{mean}',))
std_mean = DerivativeRow("StdMeanBackward0", lambda x: x, ("self",),
                         ('F.var_mean_backward(grad, self, std, dim, correction, keepdim)',), multi=True,
                         math=(r'\bar{self} = \frac{\bar{std}}{(N - c) \, std} \odot (self - \mu) + \tfrac{1}{N} \bar{mean}',))
# beta * self + alpha * (product): addmv, addr, baddbmm
addmv = DerivativeRow("AddmvBackward0", lambda x, m, v, beta, alpha: F.np_addmv(x, m, v, beta, alpha),
                      ("self", "mat", "vec"),
                      ('F.scaled(grad, beta)', 'F.scaled(F.outer(grad, vec), alpha)', 'F.scaled(F.mv(F.t(mat), grad), alpha)'),
                      math=(r'\bar{self} = \beta \bar{result}', r'\bar{mat} = \alpha \bar{result} \, vec^\top', r'\bar{vec} = \alpha \, mat^\top \bar{result}'))
addr = DerivativeRow("AddrBackward0", lambda x, u, v, beta, alpha: F.np_addmv(x, u[:, None], v[None, :], beta, alpha),
                     ("self", "vec1", "vec2"),
                     ('F.scaled(grad, beta)', 'F.scaled(F.mv(grad, vec2), alpha)', 'F.scaled(F.mv(F.t(grad), vec1), alpha)'),
                     math=(r'\bar{self} = \beta \bar{result}', r'\bar{vec1} = \alpha \bar{result} \, vec2', r'\bar{vec2} = \alpha \bar{result}^\top vec1'))
baddbmm = DerivativeRow("BaddbmmBackward0", lambda x, b1, b2, beta, alpha: F.np_addmv(x, b1, b2, beta, alpha),
                        ("self", "batch1", "batch2"),
                        ('F.scaled(grad, beta)', 'F.scaled(grad @ F.mT(batch2), alpha)', 'F.scaled(F.mT(batch1) @ grad, alpha)'),
                        math=(r'\bar{self} = \beta \bar{result}', r'\bar{batch1} = \alpha \bar{result} \, batch2^\top', r'\bar{batch2} = \alpha \, batch1^\top \bar{result}'))
cross = DerivativeRow("LinalgCrossBackward0", lambda x, y, dim: np.cross(x, y, axis=dim), ("self", "other"),
                      ('F.cross(other, grad, dim)', 'F.cross(grad, self, dim)'),
                      math=(r'\bar{self} = other \times \bar{result}', r'\bar{other} = \bar{result} \times self'))
kthvalue = DerivativeRow("KthvalueBackward0", max_dim.forward, ("self",), max_dim.rules,
                         saves_params=("indices",), math=max_dim.math)
mode = DerivativeRow("ModeBackward0", max_dim.forward, ("self",), max_dim.rules,
                     saves_params=("indices",), math=max_dim.math)
cdist = DerivativeRow("CdistBackward0", lambda x1, x2, p: F.np_cdist(x1, x2, p), ("x1", "x2"),
                      ('F.cdist_backward(grad, x1, x2, p, result, 0)', 'F.cdist_backward(grad, x1, x2, p, result, 1)'),
                      math=(r'\bar{x1}_i = \textstyle\sum_j \bar{result}_{ij} \, \frac{x1_i - x2_j}{result_{ij}} \text{ (p = 2)}',
                            r'\bar{x2}_j = -\textstyle\sum_i \bar{result}_{ij} \, \frac{x1_i - x2_j}{result_{ij}} \text{ (p = 2)}'))
# cdist's gradient under create_graph: PyTorch records it, and has no gradient for it
cdist_backward = DerivativeRow("CdistBackwardBackward0",
                               lambda g, x1, x2, r, p, which: F.cdist_backward(g, x1, x2, p, r, which),
                               ("grad", "x1", "x2", "result"),
                               ('F.not_implemented("_cdist_backward")',) * 4,
                               math=(r'\bar{grad} \text{: not implemented}', r'\bar{x1} \text{: not implemented}',
                                     r'\bar{x2} \text{: not implemented}', r'\bar{result} \text{: not implemented}'))
# --------------------------------------------------------------------------- statistics
# aminmax: one node for both outputs; each output's gradient is shared between its ties
aminmax = DerivativeRow("AminmaxBackward0", lambda x: x, ("self",),
                        ('F.aminmax_backward(grad, self, min_values, max_values, dim, keepdim)',), multi=True,
                        math=(r'\bar{self} = \bar{min} \, \frac{\mathbf{1}[self = min]}{\#\text{ties}} + \bar{max} \, \frac{\mathbf{1}[self = max]}{\#\text{ties}}',))
# nanmedian() shares the gradient between ties, nanmedian(dim) sends it to the index it picked
nanmedian_all = DerivativeRow("NanmedianBackward0", F.np_nanmedian, ("self",), median_all.rules,
                              math=median_all.math)
nanmedian_dim = DerivativeRow("NanmedianBackward1", max_dim.forward, ("self",), max_dim.rules,
                              saves_params=("indices",), math=max_dim.math)
# slogdet: one node for (sign, logabsdet); a real matrix's sign has no gradient
slogdet = DerivativeRow("LinalgSlogdetBackward0", lambda x: x, ("self",),
                        ('F.slogdet_backward(grad, self)',), multi=True,
                        math=(r'\bar{self} = \bar{logabsdet} \, self^{-\top}',))
# x.unsqueeze_(0) and x.transpose_(0, 1) change x's shape in place, making no view
# (PyTorch's quantile ends with them)
unsqueeze_ = Function("UnsqueezeBackward1", unsqueeze.forward, ("self",), unsqueeze.rules,
                      math=unsqueeze.math)
transpose_ = Function("TransposeBackward1", transpose.forward, ("self",), transpose.rules,
                      math=transpose.math)
squeeze_all_ = Function("SqueezeBackward3", squeeze_all.forward, ("self",), squeeze_all.rules,
                        math=squeeze_all.math)
squeeze_dims_ = Function("SqueezeBackward5", squeeze_all.forward, ("self",), squeeze_all.rules,
                         math=squeeze_all.math)
t_ = Function("TBackward1", t.forward, ("self",), t.rules, math=t.math)
logcumsumexp = DerivativeRow("LogcumsumexpBackward0", lambda x, dim: F.np_logcumsumexp(x, dim), ("self",),
                             ('F.logcumsumexp_backward(grad, self, result, dim)',),
                             math=(r'\bar{self}_j = \textstyle\sum_{i \ge j} \bar{result}_i \, e^{self_j - result_i}',))
# torch.linalg's solvers and decompositions: values from LAPACK (numpy's), gradients as
# PyTorch's FunctionsManual writes them
linalg_solve = DerivativeRow("LinalgSolveExBackward0", lambda A, B, vector, left: F.np_solve(A, B, vector, left), ("A", "B"),
                             ('F.solve_backward_A(grad, A, result, vector, left)', 'F.solve_backward_B(grad, A, vector, left)'),
                             math=(r'\bar{A} = -A^{-\top} \bar{result} \, result^\top', r'\bar{B} = A^{-\top} \bar{result}'))
linalg_cholesky = DerivativeRow("LinalgCholeskyExBackward0", lambda A, upper: F.np_cholesky(A, upper), ("self",),
                                ('F.cholesky_backward(grad, upper, result)',),
                                math=(r'\bar{self} = \operatorname{sym}\big(L^{-\top} \Phi(L^\top \bar{L}) L^{-1}\big), \; L = result',))
linalg_eigvalsh = DerivativeRow("LinalgEighBackward0", lambda A, vectors, uplo: np.linalg.eigvalsh(A, uplo).astype(A.dtype), ("self",),
                                ('F.eigvalsh_backward(grad, vectors)',), saves_params=("vectors",),
                                math=(r'\bar{self} = V \operatorname{diag}(\bar{result}) V^\top',))
linalg_svdvals = DerivativeRow("LinalgSvdBackward0", lambda A, U, Vh: np.linalg.svd(A, compute_uv=False).astype(A.dtype), ("self",),
                               ('F.svdvals_backward(grad, U, Vh)',), saves_params=("U", "Vh"),
                               math=(r'\bar{self} = U \operatorname{diag}(\bar{result}) V^\top',))
# The decompositions with vectors: one node for all results, its gradient the list of theirs
# (a vector's sign is LAPACK's choice, so only a loss that does not depend on it has a
# meaningful gradient, as in PyTorch)
linalg_svd = DerivativeRow("LinalgSvdBackward0", lambda A: A, ("A",),
                           ('LA.svd_backward(grad, U, S, Vh, full_matrices)',), multi=True,
                           saves_params=("U", "S", "Vh"),
                           math=(r'\bar{A} = U \big[(\operatorname{skew}(U^\top \bar{U}) / E) S + S (\operatorname{skew}(V^\top \bar{V}) / E) + \operatorname{diag}(\bar{S})\big] V^\top, \; E_{jk} = S_k^2 - S_j^2',))
linalg_eigh = DerivativeRow("LinalgEighBackward0", lambda A: A, ("A",),
                            ('LA.eigh_backward(grad, eigenvalues, eigenvectors)',), multi=True,
                            saves_params=("eigenvalues", "eigenvectors"),
                            math=(r'\bar{A} = V \big(\tfrac12 \operatorname{skew}(V^\top \bar{V}) / E + \operatorname{diag}(\bar{L})\big) V^\top, \; E_{ij} = L_j - L_i',))
linalg_qr = DerivativeRow("LinalgQrBackward0", lambda A: A, ("A",),
                          ('LA.qr_backward(grad, Q, R, mode)',), multi=True, saves_params=("Q", "R"),
                          math=(r'\bar{A} = \big(\bar{Q} + Q \operatorname{copyltu}(\bar{R} R^\top - Q^\top \bar{Q})\big) R^{-\top}',))
linalg_lu = DerivativeRow("LinalgLuBackward0", lambda A: A, ("A",),
                          ('LA.lu_backward(grad, P, L, U)',), multi=True, saves_params=("P", "L", "U"),
                          math=(r'\bar{A} = P L^{-\top} \big[\operatorname{tril}_{-1}(L^\top \bar{L}) + \operatorname{triu}(\bar{U} U^\top)\big] U^{-\top}',))
linalg_lu_factor = DerivativeRow("LinalgLuFactorExBackward0", lambda A: A, ("A",),
                                 ('LA.lu_factor_backward(grad, LU, pivots)',), multi=True,
                                 saves_params=("LU", "pivots"),
                                 math=(r'\bar{A} = P L^{-\top} \big[\operatorname{tril}_{-1}(L^\top \bar{LU}) + \operatorname{triu}(\bar{LU} U^\top)\big] U^{-\top}',))
lu_unpack = DerivativeRow("LuUnpackBackward0", lambda LU_data: LU_data, ("LU_data",),
                          ('LA.lu_unpack_backward(grad, m, n)',), multi=True,
                          math=(r'\bar{LU_data} = \operatorname{tril}_{-1}(\bar{L}) + \operatorname{triu}(\bar{U})',))
linalg_solve_triangular = DerivativeRow(
    "LinalgSolveTriangularBackward0",
    lambda A, B, upper, left, unitriangular: LA.np_solve_triangular(A, B, upper, left, unitriangular),
    ("self", "B"),
    ('LA.solve_triangular_backward(grad, self, result, upper, left, unitriangular, "A")',
     'LA.solve_triangular_backward(grad, self, result, upper, left, unitriangular, "B")'),
    math=(r'\bar{self} = -\operatorname{tri}(self^{-\top} \bar{result} \, result^\top)', r'\bar{B} = self^{-\top} \bar{result}'))
triangular_solve = DerivativeRow(
    "TriangularSolveBackward0", lambda b, A: b, ("self", "A"),
    ('LA.triangular_solve_backward(grad, A, solution, upper, transpose, unitriangular, "self")',
     'LA.triangular_solve_backward(grad, A, solution, upper, transpose, unitriangular, "A")'),
    multi=True, saves_params=("solution",),
    math=(r'\bar{self} = A^{-\top} \bar{solution}', r'\bar{A} = -\operatorname{tri}(\bar{self} \, solution^\top) + \bar{cloned\_coefficient}'))
cholesky_solve = DerivativeRow(
    "CholeskySolveBackward0", lambda B, L, upper: LA.np_cholesky_solve(B, L, upper), ("self", "input2"),
    ('LA.cholesky_solve_backward(grad, input2, result, upper, "self")',
     'LA.cholesky_solve_backward(grad, input2, result, upper, "input2")'),
    math=(r'\bar{self} = (L L^\top)^{-1} \bar{result}', r'\bar{input2} = -(\bar{self} \, result^\top + result \, \bar{self}^\top) L'))
linalg_lu_solve = DerivativeRow(
    "LinalgLuSolveBackward0",
    lambda LU, B, pivots, left, adjoint: LA.np_lu_solve(LU, pivots, B, left, adjoint), ("LU", "B"),
    ('LA.lu_solve_backward_LU(grad, LU, pivots, result, left, adjoint)',
     'LA.lu_solve_backward_B(grad, LU, pivots, left, adjoint)'),
    saves_params=("pivots",),
    math=(r'\bar{LU} = \operatorname{tril}_{-1}(L^{-\top} \bar{R} U^\top) + \operatorname{triu}(\bar{R}), \; \bar{R} = -U^{-\top} \bar{result} \, result^\top',
          r'\bar{B} = A^{-\top} \bar{result}'))
cholesky_inverse = DerivativeRow(
    "CholeskyInverseBackward0", lambda L, upper: LA.np_cholesky_inverse(L, upper), ("self",),
    ('LA.cholesky_inverse_backward(grad, self, upper, result)',),
    math=(r'\bar{self} = -A^{-1} (\bar{result} + \bar{result}^\top) A^{-1} L',))
# torch.cholesky (deprecated): linalg.cholesky's numbers and gradient under its old name
cholesky_old = DerivativeRow("CholeskyBackward0", linalg_cholesky.forward, ("self",), linalg_cholesky.rules,
                             math=linalg_cholesky.math)
linalg_matrix_exp = DerivativeRow(
    "LinalgMatrixExpBackward0", lambda x: LA.np_matrix_exp(x), ("self",),
    ('LA.matrix_exp_backward(grad, self)',),
    math=(r'\bar{self} = \Big[\exp\begin{pmatrix} self^\top & \bar{result} \\ 0 & self^\top \end{pmatrix}\Big]_{12}',))
# fmt: on

# --------------------------------------------------------------------------- convolution and pooling
# (F.conv1d/conv2d, F.conv_transpose1d/2d and the pools; their kernels are NN.,
# autograd/nn_formulas.py). A transposed convolution is the same row with transposed=True,
# as it is PyTorch's one convolution op. A missing bias is a constant zeros, as layer_norm's
# missing weight is.
# fmt: off
convolution = DerivativeRow(
    "ConvolutionBackward0", NN.np_conv, ("self", "weight", "bias"),
    ('NN.conv_backward(grad, self, weight, stride, padding, dilation, transposed, output_padding, groups, "input")',
     'NN.conv_backward(grad, self, weight, stride, padding, dilation, transposed, output_padding, groups, "weight")',
     'NN.conv_backward(grad, self, weight, stride, padding, dilation, transposed, output_padding, groups, "bias")'),
    math=(r'\bar{self} = \operatorname{conv\_transpose}(\bar{result}, weight) \text{ (for a transposed convolution, } \operatorname{conv}(\bar{result}, weight) \text{)}',
          r'\bar{weight} = \operatorname{conv}(self, \bar{result}) \text{, each kernel entry summed over the positions it touched (transposed: } \operatorname{conv}(\bar{result}, self) \text{)}',
          r'\bar{bias} = \textstyle\sum_{\text{batch, positions}} \bar{result}'))
# Its gradient under create_graph, differentiable again (NN.conv_double_backward)
convolution_backward = DerivativeRow(
    "ConvolutionBackwardBackward0",
    lambda g, x, w, stride, padding, dilation, transposed, output_padding, groups, which:
    NN.conv_backward(g, x, w, stride, padding, dilation, transposed, output_padding, groups, which),
    ("grad_output", "self", "weight"),
    tuple(f'NN.conv_double_backward(grad, grad_output, self, weight, stride, padding, dilation, transposed, output_padding, groups, which, "{wrt}")'
          for wrt in ("grad_output", "self", "weight")),
    math=(r'\bar{grad_output} = \operatorname{conv}(\bar{result}, weight) \text{ (from the input gradient), } \operatorname{conv}(self, \bar{result}) \text{ (from the kernel gradient), } \operatorname{expand}(\bar{result}) \text{ (from the bias gradient)}',
          r'\bar{self} = \operatorname{conv\_transpose}(grad\_output, \bar{result}) \text{ (from the kernel gradient)}',
          r'\bar{weight} = \operatorname{conv}(\bar{result}, grad\_output) \text{ summed per kernel entry (from the input gradient)}'))
max_pool2d = DerivativeRow(
    "MaxPool2DWithIndicesBackward0", lambda x, indices: NN.np_gather_plane(x, indices), ("self",),
    ('NN.scatter_plane_backward(grad, self_shape, indices)',), saves_params=("indices",),
    math=(r'\bar{self} = \bar{result} \text{ added at each window\'s first maximum}',))
max_pool2d_backward = DerivativeRow(
    "MaxPool2DWithIndicesBackwardBackward0",
    lambda g, self_shape, indices: NN.scatter_plane_backward(g, self_shape, indices),
    ("grad_output",), ('NN.gather_plane_again(grad, indices)',), saves_params=("indices",),
    math=(r'\bar{grad_output} = \bar{result} \text{ read at the indices}',))
# Adaptive max pooling routes its gradient the same way
adaptive_max_pool2d = DerivativeRow(
    "AdaptiveMaxPool2DBackward0", max_pool2d.forward, ("self",), max_pool2d.rules,
    saves_params=("indices",), math=max_pool2d.math)
avg_pool2d = DerivativeRow(
    "AvgPool2DBackward0",
    lambda x, kernel, stride, pads, count_include_pad, divisor_override:
    NN.np_avg_pool(x, kernel, stride, pads, count_include_pad, divisor_override),
    ("self",),
    ('NN.avg_pool_backward(grad, self_shape, kernel, stride, pads, count_include_pad, divisor_override)',),
    math=(r'\bar{self} = \textstyle\sum_{\text{windows}} \bar{result} / \text{divisor}',))
avg_pool2d_backward = DerivativeRow(
    "AvgPool2DBackwardBackward0",
    lambda g, self_shape, kernel, stride, pads, count_include_pad, divisor_override:
    NN.avg_pool_backward(g, self_shape, kernel, stride, pads, count_include_pad, divisor_override),
    ("grad_output",),
    ('NN.avg_pool_again(grad, kernel, stride, pads, count_include_pad, divisor_override)',),
    math=(r'\bar{grad_output} = \operatorname{avg\_pool2d}(\bar{result})',))
# F.avg_pool3d: the same kernels over three dims
avg_pool3d = DerivativeRow("AvgPool3DBackward0", avg_pool2d.forward, ("self",), avg_pool2d.rules,
                           math=avg_pool2d.math)
avg_pool3d_backward = DerivativeRow(
    "AvgPool3DBackwardBackward0", avg_pool2d_backward.forward, ("grad_output",),
    avg_pool2d_backward.rules,
    math=(r'\bar{grad_output} = \operatorname{avg\_pool3d}(\bar{result})',))
# The 3-d pools (kernels: nn_pool3d.py); under create_graph their gradients are constants
max_pool3d = DerivativeRow(
    "MaxPool3DWithIndicesBackward0", NN.lazy("np_gather_volume"), ("self",),
    ('NN.scatter_volume_backward(grad, self_shape, indices)',), saves_params=("indices",),
    math=max_pool2d.math)
adaptive_max_pool3d = DerivativeRow(
    "AdaptiveMaxPool3DBackward0", max_pool3d.forward, ("self",), max_pool3d.rules,
    saves_params=("indices",), math=max_pool2d.math)
adaptive_avg_pool3d = DerivativeRow(
    "AdaptiveAvgPool3DBackward0", NN.lazy("np_adaptive_avg_pool3d"), ("self",),
    ('NN.adaptive_avg_pool3d_backward(grad, self_shape)',),
    math=(r'\bar{self} = \textstyle\sum_{\text{windows}} \bar{result} / \text{window size}',))
adaptive_avg_pool2d = DerivativeRow(
    "AdaptiveAvgPool2DBackward0", lambda x, output_size: NN.np_adaptive_avg_pool(x, output_size),
    ("self",), ('NN.adaptive_avg_pool_backward(grad, self_shape)',),
    math=(r'\bar{self} = \textstyle\sum_{\text{windows}} \bar{result} / \text{window size}',))
adaptive_avg_pool2d_backward = DerivativeRow(
    "AdaptiveAvgPool2DBackwardBackward0",
    lambda g, self_shape, output_size: NN.adaptive_avg_pool_backward(g, self_shape),
    ("grad_output",),
    ('NN.adaptive_avg_pool_again(grad, output_size)',),
    math=(r'\bar{grad_output} = \operatorname{adaptive\_avg\_pool2d}(\bar{result})',))
# fmt: on

# --------------------------------------------------------------------------- attention
# F.scaled_dot_product_attention's fused CPU kernel (the other inputs go PyTorch's math way,
# made of matmul and softmax rows); kernels in autograd/nn_formulas.py. The mask and the
# options are not differentiated, as PyTorch's are not.
# fmt: off
sdpa_flash_cpu = DerivativeRow(
    "ScaledDotProductFlashAttentionForCpuBackward0",
    lambda q, k, v, attn_mask, is_causal, scale: NN.np_sdpa(q, k, v, attn_mask, is_causal, scale),
    ("query", "key", "value"),
    tuple(f'NN.sdpa_backward(grad, query, key, value, attn_mask, is_causal, scale, "{which}")'
          for which in ("query", "key", "value")),
    math=(r'\bar{query} = s \, (P \odot (\bar{result} \, value^\top - \operatorname{rowsum}(\bar{result} \odot result))) \, key \text{, } P = \operatorname{softmax}(s \, query \, key^\top + mask)',
          r'\bar{key} = s \, (P \odot (\bar{result} \, value^\top - \operatorname{rowsum}(\bar{result} \odot result)))^\top query',
          r'\bar{value} = P^\top \bar{result}'))
# The math way's softmax: a fully masked row is zeros, and so is its gradient
safe_softmax = DerivativeRow("SafeSoftmaxBackward0", lambda x, dim: NN.np_safe_softmax(x, dim), ("self",),
                             ('NN.softmax_backward(grad, result, dim)',), math=softmax.math)
# PyTorch has no derivative of the kernel's gradient: a NotImplemented node
sdpa_flash_cpu_backward = DerivativeRow(
    "NotImplemented",
    lambda g, q, k, v, attn_mask, is_causal, scale, which:
    NN.sdpa_backward(g, q, k, v, attn_mask, is_causal, scale, which),
    ("grad_out", "query", "key", "value"),
    ('F.no_aten_derivative("_scaled_dot_product_flash_attention_for_cpu_backward")',) * 4,
    math=(r'\bar{grad_out} \text{: not implemented}', r'\bar{query} \text{: not implemented}',
          r'\bar{key} \text{: not implemented}', r'\bar{value} \text{: not implemented}'))
# fmt: on

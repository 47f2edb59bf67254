"""torch.nn: Module and Parameter, the first layers, activations and losses learners use,
functional and init."""

from . import functional, init, utils
from .._unsupported import module_getattr as _module_getattr
from .modules import *  # noqa: F403
from .modules import __all__ as _modules_all
from .lazy import *  # noqa: F403
from .lazy import __all__ as _lazy_all
from .norms import *  # noqa: F403
from .norms import __all__ as _norms_all
from .parameter import Parameter, UninitializedBuffer, UninitializedParameter
from .rnn import *  # noqa: F403
from .rnn import __all__ as _rnn_all
from .loss_modules import *  # noqa: F403
from .loss_modules import __all__ as _loss_modules_all
from .._unsupported import lazy_names as _lazy_names

# Imported at their first use (_unsupported.module_getattr says why); tests/test_lazy_imports.py checks
# that each family's names are its __all__.
_LAZY = _lazy_names({
    "py_engine.nn.attention": ["MultiheadAttention"],
    "py_engine.nn.upsampling": ["Upsample", "UpsamplingBilinear2d", "UpsamplingNearest2d"],
    "py_engine.nn.fold_modules": ["Fold", "Unfold"],
    "py_engine.nn.transformer": ["Transformer", "TransformerDecoder", "TransformerDecoderLayer",
                                 "TransformerEncoder", "TransformerEncoderLayer"],
    "py_engine.nn.embedding_bag": ["EmbeddingBag"],
    "py_engine.nn.shuffle": ["ChannelShuffle", "PixelShuffle", "PixelUnshuffle"],
    "py_engine.nn.classic": ["Bilinear", "LocalResponseNorm", "Softmax2d"],
    "py_engine.nn.random_layers": ["AlphaDropout", "FeatureAlphaDropout", "RReLU"],
    "py_engine.nn.unpool": ["CircularPad1d", "CircularPad2d", "CircularPad3d", "LPPool1d",
                            "LPPool2d", "MaxUnpool1d", "MaxUnpool2d"],
    "py_engine.nn.pool3d": ["AdaptiveAvgPool3d", "AdaptiveMaxPool3d", "AvgPool3d", "MaxPool3d"],
    "py_engine.nn.conv3d": ["BatchNorm3d", "Conv3d"],
    "py_engine.nn.margin_losses": ["MultiLabelMarginLoss", "MultiMarginLoss",
                                   "TripletMarginWithDistanceLoss"],
    "py_engine.nn.ctc": ["CTCLoss"],
})  # fmt: skip

__all__ = [
    "Parameter",
    "functional",
    "init",
    "utils",
    *_modules_all,
    *_rnn_all,
    *_loss_modules_all,
    *_LAZY,
]
__all__ += ["UninitializedBuffer", "UninitializedParameter", *_lazy_all]
__all__ += _norms_all


__getattr__ = _module_getattr("torch.nn", _LAZY, __name__)

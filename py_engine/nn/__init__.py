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
from .attention import MultiheadAttention
from .upsampling import *  # noqa: F403
from .upsampling import __all__ as _upsampling_all
from .loss_modules import *  # noqa: F403
from .loss_modules import __all__ as _loss_modules_all
from .fold_modules import *  # noqa: F403
from .fold_modules import __all__ as _fold_modules_all
from .transformer import *  # noqa: F403
from .embedding_bag import EmbeddingBag
from .shuffle import ChannelShuffle, PixelShuffle, PixelUnshuffle
from .classic import Bilinear, LocalResponseNorm, Softmax2d
from .random_layers import AlphaDropout, FeatureAlphaDropout, RReLU
from .unpool import CircularPad1d, CircularPad2d, CircularPad3d, LPPool1d, LPPool2d
from .unpool import MaxUnpool1d, MaxUnpool2d
from .pool3d import AdaptiveAvgPool3d, AdaptiveMaxPool3d, AvgPool3d, MaxPool3d
from .conv3d import BatchNorm3d, Conv3d
from .margin_losses import MultiLabelMarginLoss, MultiMarginLoss, TripletMarginWithDistanceLoss
from .ctc import CTCLoss
from .transformer import __all__ as _transformer_all

__all__ = [
    "Parameter",
    "functional",
    "init",
    "utils",
    *_modules_all,
    *_rnn_all,
    *_upsampling_all,
    *_loss_modules_all,
    *_fold_modules_all,
]
__all__ += ["UninitializedBuffer", "UninitializedParameter", *_lazy_all]
__all__ += _norms_all
__all__ += ["MultiheadAttention"]
__all__ += _transformer_all
__all__ += ["EmbeddingBag"]
__all__ += ["ChannelShuffle", "PixelShuffle", "PixelUnshuffle"]
__all__ += ["Bilinear", "LocalResponseNorm", "Softmax2d"]
__all__ += ["AlphaDropout", "FeatureAlphaDropout", "RReLU"]
__all__ += ["CircularPad1d", "CircularPad2d", "CircularPad3d", "LPPool1d", "LPPool2d",
            "MaxUnpool1d", "MaxUnpool2d"]  # fmt: skip
__all__ += ["AdaptiveAvgPool3d", "AdaptiveMaxPool3d", "AvgPool3d", "BatchNorm3d", "Conv3d",
            "MaxPool3d"]  # fmt: skip
__all__ += ["MultiLabelMarginLoss", "MultiMarginLoss", "TripletMarginWithDistanceLoss"]
__all__ += ["CTCLoss"]


__getattr__ = _module_getattr("torch.nn")

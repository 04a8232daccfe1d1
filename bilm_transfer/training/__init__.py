from bilm_transfer.training.halve_on_plateau import HalveOnPlateau
from bilm_transfer.training.head_warmup import HeadWarmup
from bilm_transfer.training.rng_checkpoint import RngCheckpoint
from bilm_transfer.training.span_f1 import IobesSpanF1

__all__ = ["HalveOnPlateau", "HeadWarmup", "IobesSpanF1", "RngCheckpoint"]

import torch
from allennlp.training.learning_rate_schedulers import LearningRateScheduler
from allennlp.training.learning_rate_schedulers.learning_rate_scheduler import (
    _PyTorchLearningRateSchedulerWithMetricsWrapper,
)
from allennlp.training.optimizers import Optimizer


@LearningRateScheduler.register("halve_on_plateau")
class HalveOnPlateau(_PyTorchLearningRateSchedulerWithMetricsWrapper):
    """
    The paper's schedule: multiply the learning rate by `factor` (0.5) whenever the validation
    metric did not improve for more than `patience` epochs. AllenNLP's `reduce_on_plateau` does
    the same but passes `verbose` to `torch.optim.lr_scheduler.ReduceLROnPlateau`, which current
    PyTorch no longer accepts. AllenNLP's trainer hands over the sign-adjusted validation score,
    so higher is always better (`mode="max"`).

    Registered as a `LearningRateScheduler` with name "halve_on_plateau".

    # Parameters

    optimizer : `Optimizer`
    factor : `float`, optional (default = `0.5`)
    patience : `int`, optional (default = `0`)
        Epochs without improvement tolerated before the learning rate is cut.
    min_lr : `float`, optional (default = `0.0`)
    """

    def __init__(
        self, optimizer: Optimizer, factor: float = 0.5, patience: int = 0, min_lr: float = 0.0
    ) -> None:
        super().__init__(
            torch.optim.lr_scheduler.ReduceLROnPlateau(
                optimizer, mode="max", factor=factor, patience=patience, min_lr=min_lr
            )
        )

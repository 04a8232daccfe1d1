import re
from typing import Any, Dict, List

import torch
from allennlp.common.checks import ConfigurationError
from allennlp.training.callbacks import TrainerCallback


@TrainerCallback.register("head_warmup")
class HeadWarmup(TrainerCallback):
    """
    Keeps the transferred parameters frozen for the first `num_batches` training batches, so that
    the tagger's randomly initialized head (the decoder and the CRF) learns to read the pretrained
    states before any gradient reaches them; then everything is fine-tuned together. A random head
    on top of pretrained features sends large, random gradients into those features during the
    first updates ("linear probing, then fine-tuning": Kumar et al., ICLR 2022; ULMFiT's gradual
    unfreezing). On NCBI-disease it did not give the BiLM transfer a head start (40 frozen batches
    lowered epoch-1 devel F1 on every seed: docs/head_start.md, finding 7), so no shipped config
    uses it; `experiments.head_start` does (`+warmupN`).

    The parameters stay in the optimizer while frozen (they are only left without gradients), so
    the optimizer and its schedule are the same as without the warm-up. The count of batches
    done is checkpointed, so `allennlp train --recover` resumes the same schedule.

    Registered as a `TrainerCallback` with name "head_warmup".

    # Parameters

    parameter_regex : `str`
        Parameters whose names match (`re.search`) are frozen during the warm-up: the transfer
        initializer's regex.
    num_batches : `int`
        Training batches before the frozen parameters are released.
    """

    def __init__(self, serialization_dir: str, parameter_regex: str, num_batches: int) -> None:
        super().__init__(serialization_dir)
        if num_batches < 0:
            raise ConfigurationError(f"head_warmup: num_batches must be >= 0, got {num_batches}")
        self._regex = re.compile(parameter_regex)
        self._num_batches = num_batches
        self._batches_done = 0
        self._frozen: List[torch.nn.Parameter] = []

    def state_dict(self) -> Dict[str, Any]:
        return {"batches_done": self._batches_done}

    def load_state_dict(self, state_dict: Dict[str, Any]) -> None:
        self._batches_done = state_dict["batches_done"]

    def on_start(self, trainer, is_primary: bool = True, **kwargs) -> None:
        named = list(trainer.model.named_parameters())
        matched = [parameter for name, parameter in named if self._regex.search(name)]
        if not matched:
            raise ConfigurationError(
                f"head_warmup: parameter_regex {self._regex.pattern!r} matches no parameter of "
                f"the model; its parameters are, e.g., {[name for name, _ in named[:5]]}"
            )
        if self._batches_done < self._num_batches:
            self._frozen = [parameter for parameter in matched if parameter.requires_grad]
            for parameter in self._frozen:
                parameter.requires_grad_(False)

    def on_batch(self, trainer, *args, is_training: bool, **kwargs) -> None:
        if not is_training:
            return
        self._batches_done += 1
        if self._batches_done >= self._num_batches:
            self._release()

    def on_end(self, trainer, metrics=None, epoch=None, is_primary: bool = True, **kwargs) -> None:
        self._release()  # a run shorter than the warm-up leaves nothing frozen

    def _release(self) -> None:
        for parameter in self._frozen:
            parameter.requires_grad_(True)
        self._frozen = []

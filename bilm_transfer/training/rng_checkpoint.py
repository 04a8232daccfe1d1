from typing import Any, Dict, Optional

import numpy
import torch
from allennlp.training.callbacks import TrainerCallback


@TrainerCallback.register("rng_checkpoint")
class RngCheckpoint(TrainerCallback):
    """
    Saves the random generators' states in every checkpoint and restores them on
    `allennlp train --recover`, so that a run killed mid-epoch and recovered ends with exactly the
    metrics of an unbroken run. AllenNLP replays the completed epochs through the data loader, which
    brings Python's generator (batch shuffling) back in step, but not PyTorch's (dropout), which
    only the skipped forward passes would have advanced.

    Registered as a `TrainerCallback` with name "rng_checkpoint".
    """

    def __init__(self, serialization_dir: str) -> None:
        super().__init__(serialization_dir)
        self._restored: Optional[Dict[str, Any]] = None

    def state_dict(self) -> Dict[str, Any]:
        numpy_state = numpy.random.get_state()
        state = {
            "torch": torch.get_rng_state(),
            # Plain lists and numbers: checkpoints are loaded with weights_only=True.
            "numpy": (numpy_state[0], numpy_state[1].tolist(), *numpy_state[2:]),
        }
        if torch.cuda.is_available():
            state["cuda"] = torch.cuda.get_rng_state_all()
        return state

    def load_state_dict(self, state_dict: Dict[str, Any]) -> None:
        self._restored = state_dict

    def on_start(self, trainer, is_primary: bool = True, **kwargs) -> None:
        if not self._restored:
            return
        torch.set_rng_state(self._restored["torch"])
        name, keys, *rest = self._restored["numpy"]
        numpy.random.set_state((name, numpy.asarray(keys, dtype=numpy.uint32), *rest))
        if "cuda" in self._restored and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(self._restored["cuda"])
        self._restored = None

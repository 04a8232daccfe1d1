from typing import Dict, List

import torch


class SpellingCache:
    """
    The character-CNN features of spellings already met, kept for later batches: in running
    text most tokens are spellings seen before (`the`, `patients`, `BRCA1`), and the CNN is about
    40% of an int8 tagger's time (`benchmarks/profile_tagger.py`). A word's features do not depend
    on its batch (`max_pooled_windows`), so a cached row is what the CNN would compute again.
    The first `capacity` spellings are kept; later ones are computed every time.

    # Parameters

    capacity : `int`
        At most this many spellings (each costs `dim` floats: 4.4 kB at the paper's sizes).
    dim : `int`
        The CNN's output size.
    device : `torch.device`
    """

    def __init__(self, capacity: int, dim: int, device: torch.device) -> None:
        self._capacity = capacity
        # `empty`: pages are touched only as rows are written, so memory grows with use.
        # shape: (capacity + 1, dim); row 0 is the empty spelling of padding, all zeros
        self._features = torch.empty(capacity + 1, dim, device=device)
        self._features[0] = 0
        self._rows: Dict[str, int] = {"": 0}

    def __contains__(self, spelling: str) -> bool:
        return spelling in self._rows

    def features(self, spellings: List[str]) -> torch.Tensor:
        """The cached features `(len(spellings), dim)` of `spellings`, all in the cache."""
        rows = torch.tensor([self._rows[spelling] for spelling in spellings], dtype=torch.long)
        return self._features[rows.to(self._features.device)]

    def add(self, spellings: List[str], features: torch.Tensor) -> None:
        """Keeps the `features` `(len(spellings), dim)` of `spellings` while there is room."""
        room = self._capacity + 1 - len(self._rows)
        if room <= 0:
            return
        first = len(self._rows)
        kept = spellings[:room]
        self._features[first : first + len(kept)] = features[: len(kept)]
        for offset, spelling in enumerate(kept):
            self._rows[spelling] = first + offset

from typing import Tuple

import torch
from allennlp.modules import ConditionalRandomField

from bilm_serving.crf import marginals, viterbi

# Score given to a forbidden transition; the same as AllenNLP's `viterbi_tags`.
FORBIDDEN = -10000.0


class BatchedCrf(ConditionalRandomField):
    """
    AllenNLP's `ConditionalRandomField` (likelihood, constraints from `allowed_transitions`) with
    Viterbi decoding run on the whole batch at once: AllenNLP's `viterbi_tags` loops over the
    sentences in Python, one small matrix product per token and sentence, which dominates
    prediction time. Both give the same best paths. The decoding itself is `bilm_serving.crf`'s,
    which the exported tagger compiles too.
    """

    def _constrained_scores(self) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        num_tags = self.num_tags
        allowed = self._constraint_mask  # shape: (num_tags + 2, num_tags + 2)
        forbidden = FORBIDDEN * (1 - allowed)
        # shape: (num_tags, num_tags)
        transitions = (
            self.transitions * allowed[:num_tags, :num_tags] + forbidden[:num_tags, :num_tags]
        )
        start, end = num_tags, num_tags + 1
        if self.include_start_end_transitions:
            start_scores = (
                self.start_transitions * allowed[start, :num_tags] + forbidden[start, :num_tags]
            )
            end_scores = self.end_transitions * allowed[:num_tags, end] + forbidden[:num_tags, end]
        else:
            start_scores = forbidden[start, :num_tags]
            end_scores = forbidden[:num_tags, end]
        return transitions, start_scores, end_scores

    def batched_viterbi(
        self, logits: torch.Tensor, mask: torch.BoolTensor
    ) -> Tuple[torch.Tensor, torch.Tensor]:
        """
        Best tag sequence of every sentence in the batch: `(batch, timesteps)` tag ids
        (meaningless beyond each row's length) and the `(batch,)` path scores, for `logits`
        `(batch, timesteps, num_tags)` and `mask` `(batch, timesteps)` (a prefix of each row).
        """
        return viterbi(logits, mask, *self._constrained_scores())

    def marginals(self, logits: torch.Tensor, mask: torch.BoolTensor) -> torch.Tensor:
        """
        Probability of every tag at every position under the (constrained) CRF, by the
        forward-backward algorithm over the whole batch: `(batch, timesteps, num_tags)`.
        """
        return marginals(logits, mask, *self._constrained_scores())

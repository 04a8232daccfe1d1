from typing import Tuple

import torch
from allennlp.modules import ConditionalRandomField

# Score given to a forbidden transition; the same as AllenNLP's `viterbi_tags`.
FORBIDDEN = -10000.0


class BatchedCrf(ConditionalRandomField):
    """
    AllenNLP's `ConditionalRandomField` (likelihood, constraints from `allowed_transitions`) with
    Viterbi decoding run on the whole batch at once: AllenNLP's `viterbi_tags` loops over the
    sentences in Python, one small matrix product per token and sentence, which dominates
    prediction time. Both give the same best paths.
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
        Best tag sequence of every sentence in the batch.

        # Parameters

        logits : `torch.Tensor`, `(batch, timesteps, num_tags)`
        mask : `torch.BoolTensor`, `(batch, timesteps)`, a prefix of each row

        # Returns

        `(tags, scores)`: `(batch, timesteps)` tag ids (meaningless beyond each row's length) and
        the `(batch,)` scores of those paths.
        """
        batch_size, timesteps, num_tags = logits.shape
        transitions, start_scores, end_scores = self._constrained_scores()
        # shape: (batch, num_tags)
        scores = start_scores + logits[:, 0]
        stay = torch.arange(num_tags, device=logits.device).expand(batch_size, num_tags)
        backpointers = []
        for t in range(1, timesteps):
            # shape: (batch, num_tags previous, num_tags next)
            candidates = scores.unsqueeze(2) + transitions
            best, best_previous = candidates.max(dim=1)
            step = mask[:, t].unsqueeze(1)
            scores = torch.where(step, best + logits[:, t], scores)
            # Past a row's end the pointer is the identity, carrying its last tag back.
            backpointers.append(torch.where(step, best_previous, stay))
        scores = scores + end_scores
        path_scores, last_tags = scores.max(dim=1)
        tags = [last_tags]
        for pointers in reversed(backpointers):
            tags.append(pointers.gather(1, tags[-1].unsqueeze(1)).squeeze(1))
        tags.reverse()
        # shape: (batch, timesteps)
        return torch.stack(tags, dim=1), path_scores

    def marginals(self, logits: torch.Tensor, mask: torch.BoolTensor) -> torch.Tensor:
        """
        Probability of every tag at every position under the (constrained) CRF, by the
        forward-backward algorithm over the whole batch.

        # Parameters

        logits : `torch.Tensor`, `(batch, timesteps, num_tags)`
        mask : `torch.BoolTensor`, `(batch, timesteps)`, a prefix of each row

        # Returns

        `(batch, timesteps, num_tags)` marginals; each position's row sums to 1 (meaningless
        beyond a row's length).
        """
        batch_size, timesteps, num_tags = logits.shape
        transitions, start_scores, end_scores = self._constrained_scores()
        # shape: (batch, num_tags) per step
        alphas = [start_scores + logits[:, 0]]
        for t in range(1, timesteps):
            step = torch.logsumexp(alphas[-1].unsqueeze(2) + transitions, dim=1) + logits[:, t]
            alphas.append(torch.where(mask[:, t].unsqueeze(1), step, alphas[-1]))
        # Past a row's end beta stays at the end scores, so beta at its last word is correct.
        betas = [end_scores.expand(batch_size, num_tags)]
        for t in range(timesteps - 2, -1, -1):
            following = (logits[:, t + 1] + betas[-1]).unsqueeze(1)
            step = torch.logsumexp(transitions + following, dim=2)
            betas.append(torch.where(mask[:, t + 1].unsqueeze(1), step, betas[-1]))
        betas.reverse()
        # shape: (batch, timesteps, num_tags)
        alpha, beta = torch.stack(alphas, dim=1), torch.stack(betas, dim=1)
        log_partition = torch.logsumexp(alphas[-1] + end_scores, dim=1)  # shape: (batch,)
        return torch.exp(alpha + beta - log_partition.view(batch_size, 1, 1))

"""
Batched Viterbi decoding and forward-backward marginals of a linear-chain CRF, on whole batches
of tensors (no loop over sentences). TorchScript-compatible: the exported tagger compiles them,
and `bilm_transfer.modules.BatchedCrf` calls the same functions.

Scores are given already constrained: forbidden transitions carry a large negative score.
"""

from typing import List, Tuple

import torch


def viterbi(
    logits: torch.Tensor,
    mask: torch.Tensor,
    transitions: torch.Tensor,
    start_scores: torch.Tensor,
    end_scores: torch.Tensor,
) -> Tuple[torch.Tensor, torch.Tensor]:
    """
    Best tag sequence of every sentence in the batch.

    # Parameters

    logits : `torch.Tensor`, `(batch, timesteps, num_tags)`
    mask : `torch.BoolTensor`, `(batch, timesteps)`, a prefix of each row
    transitions : `torch.Tensor`, `(num_tags, num_tags)`, from (row) -> to (column)
    start_scores, end_scores : `torch.Tensor`, `(num_tags,)`

    # Returns

    `(tags, scores)`: `(batch, timesteps)` tag ids (meaningless beyond each row's length) and
    the `(batch,)` scores of those paths.
    """
    batch_size, timesteps, num_tags = logits.shape
    # shape: (batch, num_tags)
    scores = start_scores + logits[:, 0]
    stay = torch.arange(num_tags, device=logits.device).expand(batch_size, num_tags)
    backpointers: List[torch.Tensor] = []
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
    # shape: (batch, timesteps), filled from the end
    tags = torch.empty(batch_size, timesteps, dtype=torch.long, device=logits.device)
    tags[:, timesteps - 1] = last_tags
    for t in range(timesteps - 2, -1, -1):
        tags[:, t] = backpointers[t].gather(1, tags[:, t + 1].unsqueeze(1)).squeeze(1)
    return tags, path_scores


def marginals(
    logits: torch.Tensor,
    mask: torch.Tensor,
    transitions: torch.Tensor,
    start_scores: torch.Tensor,
    end_scores: torch.Tensor,
) -> torch.Tensor:
    """
    Probability of every tag at every position, by the forward-backward algorithm over the
    batch. Arguments as for `viterbi`.

    # Returns

    `(batch, timesteps, num_tags)` marginals; each position's row sums to 1 (meaningless beyond
    a row's length).
    """
    batch_size, timesteps, num_tags = logits.shape
    # shape: (batch, num_tags) per step
    alphas: List[torch.Tensor] = [start_scores + logits[:, 0]]
    for t in range(1, timesteps):
        step = torch.logsumexp(alphas[-1].unsqueeze(2) + transitions, dim=1) + logits[:, t]
        alphas.append(torch.where(mask[:, t].unsqueeze(1), step, alphas[-1]))
    # Past a row's end beta stays at the end scores, so beta at its last word is correct.
    betas: List[torch.Tensor] = [end_scores.expand(batch_size, num_tags)]
    for t in range(timesteps - 2, -1, -1):
        following = (logits[:, t + 1] + betas[-1]).unsqueeze(1)
        step = torch.logsumexp(transitions + following, dim=2)
        betas.append(torch.where(mask[:, t + 1].unsqueeze(1), step, betas[-1]))
    betas.reverse()
    # shape: (batch, timesteps, num_tags)
    alpha, beta = torch.stack(alphas, dim=1), torch.stack(betas, dim=1)
    log_partition = torch.logsumexp(alphas[-1] + end_scores, dim=1)  # shape: (batch,)
    # Rounding can put a certain tag a little above 1 (1.0000153 seen).
    return torch.exp(alpha + beta - log_partition.view(batch_size, 1, 1)).clamp(max=1.0)

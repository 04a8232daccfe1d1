import warnings
from typing import Dict, List, Tuple

import torch

from bilm_serving.crf import marginals, viterbi


def reverse_padded(tensor: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """Reverses the first `lengths[i]` steps of each row of `(batch, timesteps, dim)`, leaving
    padding in place."""
    batch_size, timesteps, dim = tensor.shape
    positions = torch.arange(timesteps, device=tensor.device).expand(batch_size, timesteps)
    # shape: (batch, timesteps)
    reversed_positions = lengths.unsqueeze(1) - 1 - positions
    index = torch.where(reversed_positions >= 0, reversed_positions, positions)
    return tensor.gather(1, index.unsqueeze(2).expand(batch_size, timesteps, dim))


def max_pooled_windows(
    embedded: torch.Tensor,
    mask: torch.Tensor,
    weights: List[torch.Tensor],
    biases: List[torch.Tensor],
    lowest: float,
) -> torch.Tensor:
    """
    The character CNN before its activation: for each filter, the max of its convolution over
    the windows that start on one of the word's characters (the word read as its characters
    followed by zeros), so that a word's features do not depend on how far its batch is padded.
    Both runtimes compute the CNN with it (`MultiWidthCnnEncoder`, `ScriptableTagger`).

    # Parameters

    embedded : `torch.Tensor`, `(words, characters, dim)`
    mask : `torch.BoolTensor`, `(words, characters)`
    weights, biases : `List[torch.Tensor]`, `(count, dim, width)` and `(count,)` per filter width
    lowest : `float`
        Added to the windows that do not count (the lowest value of the dtype, or -inf).

    # Returns

    `(words, sum of counts)`; a word without characters gets `lowest`-ish values.
    """
    num_characters = embedded.size(1)
    widest = 1
    for weight in weights:
        widest = max(widest, weight.size(2))
    # shape: (words, dim, characters + widest - 1)
    padded = torch.nn.functional.pad(
        (embedded * mask.unsqueeze(2)).transpose(1, 2), [0, widest - 1]
    )
    # 0 for windows starting on a character, `lowest` for the others (an addition is cheaper
    # than masked_fill, both ways).
    # shape: (words, 1, characters)
    floor = torch.zeros_like(padded[:, :1, :num_characters]).masked_fill(~mask.unsqueeze(1), lowest)
    pooled: List[torch.Tensor] = []
    for weight, bias in zip(weights, biases):
        # Only the windows that start on one of the characters.
        # shape: (words, count, characters)
        width = weight.size(2)
        features = torch.nn.functional.conv1d(
            padded[:, :, : num_characters + width - 1], weight, bias
        )
        pooled.append((features + floor).max(dim=2).values)
    # shape: (words, sum of counts)
    return torch.cat(pooled, dim=1)


class ScriptableTagger(torch.nn.Module):
    """
    The trained CNN-BiLSTM-CRF (or softmax) tagger in plain PyTorch, written so that
    `torch.jit.script` compiles all of it, decoding included: `bilm_transfer`'s `export-tagger`
    command copies a trained model's weights in and saves the compiled module, which
    `bilm_serving.StandaloneTagger` runs without AllenNLP. At inference it computes what the
    AllenNLP model computes: character CNN (max over windows starting inside the word) and word
    embedding, concatenated in that order; forward and backward LSTMs; tag projection; Viterbi
    path and each tag's CRF marginal (or the softmax's argmax and probability).

    Input: word ids `(batch, timesteps)` (0 = padding); the batch's distinct spellings as
    character ids, in groups `(spellings in group, characters)` (0 = padding); and
    `spelling_ids` `(batch, timesteps)`, each token's row in the groups put end to end (a row
    of no characters for padding). Output: tag ids and their probabilities, both
    `(batch, timesteps)`, meaningless beyond each sentence's length.
    """

    def __init__(
        self,
        num_words: int,
        word_dim: int,
        num_characters: int,
        character_dim: int,
        filters: List[Tuple[int, int]],
        hidden_size: int,
        num_tags: int,
        use_crf: bool,
    ) -> None:
        super().__init__()
        self.word_embedding = torch.nn.Embedding(num_words, word_dim)
        self.character_embedding = torch.nn.Embedding(num_characters, character_dim)
        self.convolutions = torch.nn.ModuleList(
            [torch.nn.Conv1d(character_dim, count, kernel_size=width) for width, count in filters]
        )
        input_dim = word_dim + sum(count for _, count in filters)
        self.forward_lstm = torch.nn.LSTM(input_dim, hidden_size, batch_first=True)
        self.backward_lstm = torch.nn.LSTM(input_dim, hidden_size, batch_first=True)
        self.projection = torch.nn.Linear(2 * hidden_size, num_tags)
        self.use_crf = use_crf
        # Constrained CRF scores (forbidden transitions already at a large negative score).
        self.register_buffer("transitions", torch.zeros(num_tags, num_tags))
        self.register_buffer("start_scores", torch.zeros(num_tags))
        self.register_buffer("end_scores", torch.zeros(num_tags))

    @classmethod
    def from_state_dict(cls, state: Dict[str, torch.Tensor], use_crf: bool) -> "ScriptableTagger":
        """A tagger with the sizes and weights of `state` (an exported tagger's `state_dict()`)."""
        convolutions = sorted(
            (int(key.split(".")[1]), weight)
            for key, weight in state.items()
            if key.startswith("convolutions.") and key.endswith(".weight")
        )
        tagger = cls(
            num_words=state["word_embedding.weight"].size(0),
            word_dim=state["word_embedding.weight"].size(1),
            num_characters=state["character_embedding.weight"].size(0),
            character_dim=state["character_embedding.weight"].size(1),
            filters=[(weight.size(2), weight.size(0)) for _, weight in convolutions],
            hidden_size=state["forward_lstm.weight_hh_l0"].size(1),
            num_tags=state["projection.weight"].size(0),
            use_crf=use_crf,
        )
        tagger.load_state_dict(state)
        return tagger

    @torch.jit.export
    def encode_words(self, characters: torch.Tensor) -> torch.Tensor:
        """Character CNN features `(words, sum of counts)` of ids `(words, characters)`."""
        mask = characters != 0
        weights: List[torch.Tensor] = []
        biases: List[torch.Tensor] = []
        for convolution in self.convolutions:
            weights.append(convolution.weight)
            bias = convolution.bias
            assert bias is not None
            biases.append(bias)
        pooled = max_pooled_windows(
            self.character_embedding(characters), mask, weights, biases, float("-inf")
        )
        # tanh(max) == max(tanh): one tanh per feature, not per window.
        # shape: (words, sum of counts); an empty word gets zeros
        return torch.tanh(pooled) * mask.any(dim=1, keepdim=True)

    def forward(
        self, word_ids: torch.Tensor, spellings: List[torch.Tensor], spelling_ids: torch.Tensor
    ) -> Tuple[torch.Tensor, torch.Tensor]:
        # Each distinct spelling is encoded once; groups of similar length pad little.
        # shape: (spellings, sum of counts)
        encoded = torch.cat([self.encode_words(group) for group in spellings], dim=0)
        return self.tag_encoded(word_ids, encoded, spelling_ids)

    @torch.jit.export
    def tag_encoded(
        self, word_ids: torch.Tensor, encoded: torch.Tensor, spelling_ids: torch.Tensor
    ) -> Tuple[torch.Tensor, torch.Tensor]:
        """`forward` after the character CNN: `encoded` `(spellings, sum of counts)` holds the
        CNN features of the spellings that `spelling_ids` `(batch, timesteps)` index."""
        mask = word_ids != 0
        # shape: (batch,)
        lengths = mask.sum(dim=1)
        # shape: (batch, timesteps, input_dim)
        inputs = torch.cat([encoded[spelling_ids], self.word_embedding(word_ids)], dim=2)
        # Padding comes after each sentence (after its reversal too), so no packing is needed.
        # shape: (batch, timesteps, hidden_size)
        forward_states = self.forward_lstm(inputs)[0]
        backward_states = reverse_padded(
            self.backward_lstm(reverse_padded(inputs, lengths))[0], lengths
        )
        # shape: (batch, timesteps, num_tags)
        logits = self.projection(torch.cat([forward_states, backward_states], dim=2))
        if self.use_crf:
            scores = (self.transitions, self.start_scores, self.end_scores)
            best = viterbi(logits, mask, scores[0], scores[1], scores[2])[0]
            probabilities = marginals(logits, mask, scores[0], scores[1], scores[2])
        else:
            best = logits.argmax(dim=2)
            probabilities = torch.softmax(logits, dim=2)
        # shape: (batch, timesteps)
        return best, probabilities.gather(2, best.unsqueeze(2)).squeeze(2)


def _eager_copy(model: torch.nn.Module) -> ScriptableTagger:
    """An exported tagger's weights (compiled or not), in float32, in an uncompiled
    `ScriptableTagger`; an uncompiled one (a packed bundle's, already float32) is used as it is."""
    if isinstance(model, ScriptableTagger):
        return model.float().eval()
    state = {key: value.float() for key, value in model.state_dict().items()}
    return ScriptableTagger.from_state_dict(state, bool(model.use_crf)).eval()


def recompiled(model: torch.nn.Module) -> torch.jit.ScriptModule:
    """An exported tagger's weights in this version's `ScriptableTagger`, compiled: a bundle
    exported before `tag_encoded` existed gains it, and a packed one is compiled at load."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # TorchScript's deprecation
        return torch.jit.script(_eager_copy(model))


def int8_quantized(model: torch.nn.Module) -> torch.jit.ScriptModule:
    """
    An exported tagger with its LSTMs and projection dynamically quantized to int8 (PyTorch's
    `quantize_dynamic`: int8 weights, activations quantized batch by batch; CPU only), compiled
    again. About 1.5x the sentences/s of float32 on one core here (`benchmarks/bulk.py`); its
    F1 on a test file is what `benchmarks/int8_accuracy.py` measures.
    """
    with warnings.catch_warnings():
        # torch.ao.quantization warns that it is deprecated (for torchao, which has no int8 LSTM)
        # and TorchScript likewise; both still work, and a test checks the result.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", UserWarning)
        quantized = torch.ao.quantization.quantize_dynamic(
            _eager_copy(model), {torch.nn.LSTM, torch.nn.Linear}, dtype=torch.qint8
        )
        return torch.jit.script(quantized)

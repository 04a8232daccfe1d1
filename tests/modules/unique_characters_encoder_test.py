import copy

import pytest
import torch
from allennlp.common.checks import ConfigurationError
from allennlp.modules.token_embedders import Embedding, TokenCharactersEncoder

from bilm_transfer.modules import MultiWidthCnnEncoder, UniqueCharactersEncoder


def character_ids(seed: int) -> torch.Tensor:
    """(batch 3, timesteps 9, characters 11): repeated words, padding words, varied lengths."""
    generator = torch.Generator().manual_seed(seed)
    vocabulary = torch.randint(1, 20, (6, 11), generator=generator)
    lengths = torch.tensor([1, 2, 3, 5, 8, 11])
    vocabulary[torch.arange(11) >= lengths.unsqueeze(1)] = 0
    picks = torch.randint(0, 6, (3, 9), generator=generator)
    ids = vocabulary[picks]
    ids[1, 6:] = 0  # a shorter sentence
    ids[2, 3:] = 0
    return ids


@pytest.mark.parametrize("num_buckets", [1, 3, 50])
def test_same_output_and_gradients_as_character_encoding(num_buckets):
    torch.manual_seed(0)
    embedding = Embedding(embedding_dim=5, num_embeddings=20, padding_index=0)
    cnn = MultiWidthCnnEncoder(5, [(1, 3), (2, 4), (3, 2)])
    stock = TokenCharactersEncoder(embedding, cnn)
    ours = UniqueCharactersEncoder(
        copy.deepcopy(embedding), copy.deepcopy(cnn), num_buckets=num_buckets
    )
    ids = character_ids(num_buckets)

    expected, actual = stock(ids), ours(ids)
    assert actual.shape == (3, 9, 9)
    assert torch.allclose(actual, expected, atol=1e-6)
    weights = torch.randn_like(expected)
    (expected * weights).sum().backward()
    (actual * weights).sum().backward()
    stock_grads = dict(stock.named_parameters())
    for name, parameter in ours.named_parameters():
        assert torch.allclose(parameter.grad, stock_grads[name].grad, atol=1e-5), name


def test_parameter_names_match_character_encoding():
    embedding = Embedding(embedding_dim=5, num_embeddings=20, padding_index=0)
    cnn = MultiWidthCnnEncoder(5, [(1, 3)])
    stock = TokenCharactersEncoder(embedding, cnn)
    ours = UniqueCharactersEncoder(embedding, cnn)
    assert [name for name, _ in ours.named_parameters()] == [
        name for name, _ in stock.named_parameters()
    ]


def test_bad_bucket_count():
    embedding = Embedding(embedding_dim=5, num_embeddings=20)
    with pytest.raises(ConfigurationError, match="num_buckets"):
        UniqueCharactersEncoder(embedding, MultiWidthCnnEncoder(5, [(1, 3)]), num_buckets=0)

import pytest
import torch
from allennlp.common.checks import ConfigurationError

from bilm_transfer.modules import MultiWidthCnnEncoder

PAPER_FILTERS = [(w, min(200, 50 * w)) for w in range(1, 8)]


def test_paper_size_gives_1100_features():
    encoder = MultiWidthCnnEncoder(50, PAPER_FILTERS)
    assert encoder.get_output_dim() == 1100
    assert [c.out_channels for c in encoder.convolutions] == [50, 100, 150, 200, 200, 200, 200]
    # Words shorter than the widest filter are padded rather than rejected.
    assert encoder(torch.randn(4, 3, 50), torch.ones(4, 3, dtype=torch.bool)).shape == (4, 1100)


def test_padding_characters_do_not_matter():
    torch.manual_seed(0)
    encoder = MultiWidthCnnEncoder(5, [(1, 3), (2, 4), (3, 2)])
    word = torch.randn(1, 4, 5)
    padded = torch.cat([word, torch.randn(1, 3, 5)], dim=1)  # garbage in the padding
    mask = torch.tensor([[True] * 4 + [False] * 3])
    assert torch.allclose(
        encoder(word, torch.ones(1, 4, dtype=torch.bool)),
        encoder(padded, mask),
    )


def test_bad_filters():
    with pytest.raises(ConfigurationError, match="filters"):
        MultiWidthCnnEncoder(5, [(0, 3)])


def reference_features(encoder, characters, mask, activation):
    """The paper's definition, spelled out: every window starting on a character of the word,
    the activation on every window, then the max."""
    features = []
    for convolution in encoder.convolutions:
        width = convolution.kernel_size[0]
        row = []
        for word, word_mask in zip(characters, mask):
            length = int(word_mask.sum())
            padded = torch.nn.functional.pad(word[:length].t(), (0, width - 1))
            row.append(activation(convolution(padded.unsqueeze(0))[0]).max(dim=1).values)
        features.append(torch.stack(row))
    return torch.cat(features, dim=1)


def test_an_activation_that_is_not_monotonic_is_refused():
    from allennlp.nn import Activation

    with pytest.raises(ConfigurationError, match="non-decreasing"):
        MultiWidthCnnEncoder(5, [(1, 3)], activation=Activation.by_name("gelu")())


@pytest.mark.parametrize("name", ["tanh", "relu", "sigmoid"])
def test_features_equal_the_per_window_definition(name):
    # The max is taken before the activation, which is the same for a non-decreasing one.
    from allennlp.nn import Activation

    torch.manual_seed(0)
    activation = Activation.by_name(name)()
    encoder = MultiWidthCnnEncoder(6, [(1, 3), (2, 4), (4, 5)], activation=activation)
    characters = torch.randn(3, 5, 6)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 0, 0, 0], [1, 0, 0, 0, 0]], dtype=torch.bool)
    expected = reference_features(encoder, characters, mask, activation)
    assert torch.allclose(encoder(characters, mask), expected, atol=1e-6)

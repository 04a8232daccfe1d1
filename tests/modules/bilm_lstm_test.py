import pytest
import torch

from bilm_serving.model import reverse_padded
from bilm_transfer.modules import BiLmLstm


def test_reverse_padded():
    x = torch.tensor([[1, 2, 3, 0], [4, 5, 0, 0]]).unsqueeze(2)
    reversed_x = reverse_padded(x, torch.tensor([3, 2])).squeeze(2)
    assert reversed_x.tolist() == [[3, 2, 1, 0], [5, 4, 0, 0]]


def test_no_direction_peeks_at_the_other_side():
    torch.manual_seed(0)
    encoder = BiLmLstm(6, 5, num_layers=2).eval()
    x = torch.randn(1, 7, 6)
    changed = x.clone()
    changed[0, 4] = torch.randn(6)  # change word 4 only
    mask = torch.ones(1, 7, dtype=torch.bool)
    before, after = encoder(x, mask), encoder(changed, mask)
    forward_diff = (before[0, :, :5] - after[0, :, :5]).abs().sum(-1)
    backward_diff = (before[0, :, 5:] - after[0, :, 5:]).abs().sum(-1)
    assert torch.all(forward_diff[:4] == 0) and torch.all(forward_diff[4:] > 0)
    assert torch.all(backward_diff[5:] == 0) and torch.all(backward_diff[:5] > 0)


@pytest.mark.parametrize("short", [3, 1])  # 8 of 10 positions real: run padded; 6 of 10: packed
def test_padding_does_not_change_the_states(short):
    torch.manual_seed(0)
    encoder = BiLmLstm(6, 5).eval()
    x = torch.randn(2, 5, 6)
    mask = torch.tensor([[True] * 5, [True] * short + [False] * (5 - short)])
    batched = encoder(x, mask)
    alone = encoder(x[1:, :short], torch.ones(1, short, dtype=torch.bool))
    assert torch.allclose(batched[1, :short], alone[0], atol=1e-6)
    assert torch.all(batched[1, short:] == 0)
    assert encoder.get_output_dim() == 10 and encoder.is_bidirectional()


FORWARD_HALF, BACKWARD_HALF = slice(0, 5), slice(5, 10)


@pytest.mark.parametrize(
    "kept, left_out", [(FORWARD_HALF, BACKWARD_HALF), (BACKWARD_HALF, FORWARD_HALF)]
)
def test_a_direction_left_out_is_not_run_and_reads_as_zeros(kept, left_out):
    torch.manual_seed(0)
    encoder = BiLmLstm(6, 5, input_dropout=0.5, output_dropout=0.5)  # training: dropouts draw
    x = torch.randn(2, 5, 6)
    mask = torch.tensor([[True] * 5, [True] * 3 + [False] * 2])
    torch.manual_seed(1)
    both = encoder(x, mask)
    encoder.directions = ("forward",) if kept == FORWARD_HALF else ("backward",)
    skipped = "backward_lstm" if kept == FORWARD_HALF else "forward_lstm"
    calls = []
    getattr(encoder, skipped).register_forward_hook(lambda *_: calls.append(1))
    torch.manual_seed(1)
    one = encoder(x, mask)
    assert not calls
    assert torch.equal(one[..., kept], both[..., kept])  # the same draws, the same states
    assert torch.all(one[..., left_out] == 0)

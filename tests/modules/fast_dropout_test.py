import pytest
import torch

from bilm_transfer.modules import FastDropout


def test_keeps_each_element_with_probability_one_minus_p_and_rescales():
    torch.manual_seed(0)
    dropout = FastDropout(0.3)
    inputs = torch.rand(400, 500) + 1.0  # no zeros of its own
    outputs = dropout(inputs)
    kept = outputs != 0
    assert torch.allclose(outputs[kept], inputs[kept] / 0.7)
    # 200,000 draws: the kept share is within 0.005 of 0.7 (sd 0.001).
    assert abs(kept.float().mean().item() - 0.7) < 0.005


def test_gradient_is_the_mask():
    torch.manual_seed(0)
    inputs = torch.randn(50, 40, requires_grad=True)
    outputs = FastDropout(0.5)(inputs)
    outputs.sum().backward()
    assert torch.equal(inputs.grad, (outputs != 0).float() * 2.0)


@pytest.mark.parametrize("p", [0.0, 0.5])
def test_identity_in_evaluation_and_at_zero(p):
    dropout = FastDropout(p)
    inputs = torch.randn(7, 9)
    if p > 0:
        dropout.eval()
    assert torch.equal(dropout(inputs), inputs)


def test_p_one_drops_everything():
    assert not FastDropout(1.0)(torch.randn(5, 5)).any()

import pytest
import torch

from bilm_serving.model import ScriptableTagger
from bilm_serving.packing import PACKED_BITS, pack_rows, read_packed, unpack_rows, write_packed


@pytest.mark.parametrize("bits", [4, 8])
@pytest.mark.parametrize("columns", [7, 300])
def test_each_weight_is_within_half_a_level_of_its_row(bits, columns):
    torch.manual_seed(0)
    weight = torch.randn(50, columns) * torch.logspace(-3, 1, 50).unsqueeze(1)
    packed = pack_rows(weight, bits)
    unpacked = unpack_rows(packed)
    assert unpacked.shape == weight.shape
    # shape: (rows, 1)
    level = packed["scales"].unsqueeze(1)
    assert ((unpacked - weight).abs() <= level / 2 + 1e-6 * weight.abs()).all()
    # The largest magnitude of a row maps to the top level; 4 bits take half a byte a weight.
    assert (unpacked.abs().amax(dim=1) > 0.99 * weight.abs().amax(dim=1)).all()
    assert packed["values"].numel() == 50 * (-(-columns * bits // 8))


def test_a_row_of_zeros_stays_zeros_and_weights_on_the_levels_are_kept():
    weight = torch.tensor([[0.0, 0.0, 0.0], [-7.0, 1.0, 3.0]])
    assert torch.equal(unpack_rows(pack_rows(weight, 4)), weight)
    levels = torch.tensor([[-127.0, 18.0, 54.0, 0.5]])
    assert torch.equal(unpack_rows(pack_rows(levels, 8))[:, :3], levels[:, :3])


def test_other_widths_are_refused():
    with pytest.raises(ValueError, match="bits must be 4 or 8"):
        pack_rows(torch.ones(2, 2), 2)


def test_a_packed_tagger_is_the_tagger_with_its_weights_rounded(tmp_path):
    torch.manual_seed(1)
    tagger = ScriptableTagger(40, 12, 9, 5, [(1, 3), (2, 4)], 6, 5, use_crf=True).eval()
    tagger.transitions.copy_(torch.randn(5, 5) * 1e4)  # forbidden transitions: far from float16's
    write_packed(tagger, str(tmp_path / "weights.pt"))
    unpacked = read_packed(str(tmp_path / "weights.pt"))
    expected = tagger.state_dict()
    for name, value in unpacked.state_dict().items():
        assert value.dtype == torch.float32
        if name in PACKED_BITS:
            wanted = unpack_rows(pack_rows(expected[name], PACKED_BITS[name]))
        elif name in ("transitions", "start_scores", "end_scores"):
            wanted = expected[name]
        else:
            wanted = expected[name].half().float()
        assert torch.equal(value, wanted), name
    assert unpacked.use_crf


def test_a_file_that_is_not_packed_is_named(tmp_path):
    junk = tmp_path / "weights.pt"
    junk.write_text("not a tensor file")
    with pytest.raises(ValueError, match="weights.pt: not a packed tagger"):
        read_packed(str(junk))
    torch.save({"format": "something else"}, str(junk))
    with pytest.raises(ValueError, match="format 'bilm_serving.packed/1' expected"):
        read_packed(str(junk))

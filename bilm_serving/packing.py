"""
The `packed` storage of an exported tagger (`allennlp export-tagger --storage packed`): its
largest matrices kept as small integers with a scale per row, the rest in float16. At the
paper's sizes with 50,000 word-vector words, a third of float16's size (about 12 MB instead of
38 MB), which is what lets the taggers trained with the word vectors ship in the repository.
The runtime unpacks to float32 at load, so tagging costs what it costs with any other bundle.
"""

from typing import Any, Dict

import torch

from bilm_serving.model import ScriptableTagger

PACKED_FORMAT = "bilm_serving.packed/1"

# Bits a weight of the packed matrices. The word embedding is most of the model (50,000+ rows of
# 300) and loses nothing measurable in 4 bits (NCBI-disease devel F1, docs/benchmarks.md); the
# LSTMs, whose weights every token goes through, keep 8.
PACKED_BITS = {
    "word_embedding.weight": 4,
    "forward_lstm.weight_ih_l0": 8,
    "forward_lstm.weight_hh_l0": 8,
    "backward_lstm.weight_ih_l0": 8,
    "backward_lstm.weight_hh_l0": 8,
}


def pack_rows(weight: torch.Tensor, bits: int) -> Dict[str, Any]:
    """
    `weight` `(rows, columns)` quantized symmetrically row by row: each row's largest magnitude
    maps to the largest of `bits`' levels (7 in 4 bits, 127 in 8), the row's float32 scale
    turning levels back into weights (float16 would be too coarse for rows of small weights).
    4-bit levels are stored two to a byte.
    """
    if bits not in (4, 8):
        raise ValueError(f"bits must be 4 or 8, not {bits}")
    levels = 2 ** (bits - 1) - 1
    weight = weight.detach().float()
    # shape: (rows,); a row of zeros gets the smallest scale and levels of zero
    scales = (weight.abs().amax(dim=1) / levels).clamp(min=torch.finfo(torch.float32).tiny)
    # shape: (rows, columns)
    quantized = (weight / scales.unsqueeze(1)).round().clamp(-levels, levels)
    if bits == 8:
        values = quantized.to(torch.int8)
    else:
        # Levels -7..7 as 1..15, the even columns in the high half of each byte.
        nibbles = (quantized + 8).to(torch.uint8)
        if nibbles.size(1) % 2:
            nibbles = torch.nn.functional.pad(nibbles, [0, 1], value=8)
        # shape: (rows, ceil(columns / 2))
        values = (nibbles[:, 0::2] << 4) | nibbles[:, 1::2]
    return {"bits": bits, "columns": weight.size(1), "values": values, "scales": scales}


def unpack_rows(packed: Dict[str, Any]) -> torch.Tensor:
    """The float32 `(rows, columns)` matrix of `pack_rows`' output."""
    values = packed["values"]
    if packed["bits"] == 8:
        levels = values.float()
    else:
        # shape: (rows, 2 * bytes)
        nibbles = torch.stack([values >> 4, values & 15], dim=2).flatten(1)
        levels = nibbles[:, : packed["columns"]].float() - 8
    return levels * packed["scales"].unsqueeze(1)


def write_packed(tagger: ScriptableTagger, path: str) -> None:
    """Saves `tagger` packed: the `PACKED_BITS` matrices as `pack_rows` gives them, its other
    parameters in float16 and its buffers (the CRF's scores, whose forbidden transitions would
    overflow float16) in float32."""
    parameters = {name for name, _ in tagger.named_parameters()}
    tensors: Dict[str, torch.Tensor] = {}
    packed: Dict[str, Dict[str, Any]] = {}
    for name, value in tagger.state_dict().items():
        if name in PACKED_BITS:
            packed[name] = pack_rows(value, PACKED_BITS[name])
        else:
            tensors[name] = value.half() if name in parameters else value.float()
    contents = {
        "format": PACKED_FORMAT,
        "use_crf": tagger.use_crf,
        "tensors": tensors,
        "packed": packed,
    }
    torch.save(contents, path)


def read_packed(path: str) -> ScriptableTagger:
    """The float32 tagger that `write_packed` saved to `path`; a `ValueError` naming `path` if
    the file is not one."""
    try:
        contents = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises pickle, zip and runtime errors alike
        raise ValueError(f"{path}: not a packed tagger ({error})") from None
    if not isinstance(contents, dict) or contents.get("format") != PACKED_FORMAT:
        raise ValueError(f"{path}: not a packed tagger (format {PACKED_FORMAT!r} expected)")
    state = {name: value.float() for name, value in contents["tensors"].items()}
    state.update({name: unpack_rows(packed) for name, packed in contents["packed"].items()})
    return ScriptableTagger.from_state_dict(state, bool(contents["use_crf"])).eval()

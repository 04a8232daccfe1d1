"""
The transfer conditions of `experiments.head_start`, `WHAT[@EPOCH][+MODIFIER...]` (its docstring
lists them), and what each changes in the shipped tagger config: the initializer regexes, the
trainer's callbacks and the optimizer's parameter groups.
"""

import argparse
import pathlib
import re
import warnings
from typing import Dict, List, Optional, Tuple

warnings.simplefilter("ignore", FutureWarning)  # AllenNLP's dependencies, imported on the way

from allennlp.common import Params  # noqa: E402

import bilm_transfer  # noqa: E402,F401  (the configs' default variables)

# What -> (tagger config suffix, the BiLM part (a TRANSFER_PARTS value) copied into it, or None).
TRANSFERS = {
    "none": ("_no_pretraining", None),
    "bilm": ("", None),
    "forward": ("_forward_lm", None),
    "backward": ("_backward_lm", None),
    "embedder": ("_no_pretraining", "embedder"),
    "lstms": ("_no_pretraining", "lstms"),
}
# Modifier -> initializer regexes put before the config's (the first matching regex wins).
MODIFIERS = {
    # The decoder starts at zero: no random emission scores, and no gradient reaches the encoder
    # until the decoder has learnt something (an implicit warm-up of the head).
    "zero_decoder": [[r"^tag_projection_layer\..*", {"type": "zero"}]],
}


# `+warmupN`: the transferred parameters frozen for the first N training batches.
WARMUP = re.compile(r"warmup([0-9]+)")
# `+lstmlrF`: the LSTMs' learning rate F times the rest's (discriminative fine-tuning).
LSTM_LR = re.compile(r"lstmlr([0-9]*\.?[0-9]+)")
LSTMS = r"^_encoder\.(forward|backward)_lstm\."
# `+headlrF`: the head's (decoder and CRF) learning rate F times the rest's.
HEAD_LR = re.compile(r"headlr([0-9]*\.?[0-9]+)")
HEAD = r"^(tag_projection_layer|crf)\."
# `+decoderF`: the decoder's weights Xavier-uniform with gain F.
DECODER = re.compile(r"decoder([0-9]*\.?[0-9]+)")


def _parameterized(modifier: str) -> bool:
    return any(pattern.fullmatch(modifier) for pattern in (WARMUP, LSTM_LR, HEAD_LR, DECODER))


def _modifier_initializers(modifier: str) -> List:
    """The initializer regexes `modifier` puts before the config's (none for `+warmupN`,
    `+lstmlrF` and `+headlrF`, which change the trainer instead)."""
    if modifier in MODIFIERS:
        return MODIFIERS[modifier]
    decoder = DECODER.fullmatch(modifier)
    if decoder:
        gain = float(decoder.group(1))
        return [[r"^tag_projection_layer\..*weight$", {"type": "xavier_uniform", "gain": gain}]]
    return []


def parse_condition(condition: str) -> Tuple[str, Optional[int], List[str]]:
    """`WHAT[@EPOCH][+MODIFIER...]` -> (what, BiLM epoch or None, modifiers)."""
    head, *modifiers = condition.split("+")
    what, _, epoch = head.partition("@")
    if what not in TRANSFERS or (epoch and not epoch.isdigit()):
        raise argparse.ArgumentTypeError(
            f"condition {condition!r}: expected one of {sorted(TRANSFERS)}, optionally @EPOCH"
        )
    unknown = [m for m in modifiers if m not in MODIFIERS and not _parameterized(m)]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"condition {condition!r}: unknown modifier(s) {unknown}; "
            f"known: {sorted(MODIFIERS)}, warmupN, lstmlrF, headlrF, decoderF"
        )
    return what, int(epoch) if epoch else None, modifiers


def parts_regex(config: str, parts: str) -> str:
    """The regex of the parameters that the shipped transfer config beside `config` copies from
    the BiLM under `TRANSFER_PARTS=parts`."""
    transfer_config = config.replace("_no_pretraining", "")
    ext_vars = {"BILM_ARCHIVE": "", "TRANSFER_PARTS": parts}
    rendered = Params.from_file(transfer_config, ext_vars=ext_vars).as_dict()
    regexes = rendered["model"]["initializer"]["regexes"]
    return next(regex for regex, init in regexes if init["type"] == "bilm_transfer")


def initializer_regexes(config: str, archive: pathlib.Path, what: str, modifiers: List[str]):
    """The shipped config's initializer regexes, with the condition's changes."""
    shipped = Params.from_file(config, ext_vars={"BILM_ARCHIVE": str(archive)})
    regexes = shipped.as_dict()["model"]["initializer"]["regexes"]
    _, parts = TRANSFERS[what]
    if parts is not None:
        transfer = {"type": "bilm_transfer", "archive_file": str(archive), "directions": "both"}
        regexes = [[parts_regex(config, parts), transfer]] + regexes
    return [entry for m in modifiers for entry in _modifier_initializers(m)] + regexes


def warmup_callbacks(regexes: List, modifiers: List[str]) -> Optional[List[Dict]]:
    """The trainer's callbacks with a `head_warmup` over the transferred parameters, for a
    `+warmupN` modifier; None without one."""
    batches = [int(WARMUP.fullmatch(m).group(1)) for m in modifiers if WARMUP.fullmatch(m)]
    if not batches:
        return None
    transferred = "|".join(regex for regex, init in regexes if init["type"] == "bilm_transfer")
    warmup = {"type": "head_warmup", "parameter_regex": transferred, "num_batches": batches[-1]}
    return [{"type": "rng_checkpoint"}, warmup]


def parameter_groups(config: str, modifiers: List[str]) -> Optional[List]:
    """The optimizer's parameter groups for `+lstmlrF` / `+headlrF` modifiers (the last of each
    kind wins); None without one."""
    factors = {}
    for pattern, parameters in ((LSTM_LR, LSTMS), (HEAD_LR, HEAD)):
        for modifier in modifiers:
            if pattern.fullmatch(modifier):
                factors[parameters] = float(pattern.fullmatch(modifier).group(1))
    if not factors:
        return None
    shipped = Params.from_file(config, ext_vars={"BILM_ARCHIVE": ""}).as_dict()
    lr = shipped["trainer"]["optimizer"]["lr"]
    return [[[parameters], {"lr": factor * lr}] for parameters, factor in factors.items()]

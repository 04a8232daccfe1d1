"""
The scale of what the tagger's head sees at its first step (issue #15, the BiLM head start): the
root mean square of the encoder's states, per direction, on NCBI-disease devel sentences, for a
BiLM's LSTMs (what transfer hands the tagger), for fresh LSTMs under the paper's initialization
(uniform +-0.005: what `none` starts from), and for any trained taggers given; with the spread
(standard deviation) of the emission scores that a fresh head (Xavier-uniform, as the configs
initialize `tag_projection_layer`) puts on those states. The fresh LSTMs read the BiLM's
embeddings; a trained tagger reads its own. Prints a Markdown table.

    python -m experiments.state_scale --bilm BILM/model.tar.gz [--tagger NAME=TAGGER.tar.gz ...]
"""

import argparse
import copy
import warnings
from typing import Dict, List

warnings.simplefilter("ignore", FutureWarning)  # AllenNLP's dependencies, imported on the way

import torch  # noqa: E402
from allennlp.data import Batch  # noqa: E402
from allennlp.models import Model  # noqa: E402
from allennlp.models.archival import load_archive  # noqa: E402
from allennlp.nn.util import get_text_field_mask  # noqa: E402

import bilm_transfer  # noqa: E402,F401
from bilm_transfer.formats.columns import read_column_file  # noqa: E402
from experiments.runner import ROOT  # noqa: E402

NUM_TAGS = 5  # IOBES tags of one entity type, and O


def _tensors(reader, sentences: List[List[str]], model: Model) -> Dict:
    instances = []
    for words in sentences:
        instance = reader.text_to_instance(words)
        reader.apply_token_indexers(instance)
        instances.append(instance)
    batch = Batch(instances)
    batch.index_instances(model.vocab)
    return batch.as_tensor_dict()


def _states(model: Model, encoder: torch.nn.Module, tensors: Dict) -> List[torch.Tensor]:
    """The real words' states of `encoder` on `model`'s embeddings, forward then backward."""
    tokens = tensors["tokens"]
    mask = get_text_field_mask(tokens)
    with torch.inference_mode():
        # shape: (batch, timesteps, 2 * hidden_size)
        states = encoder(model._text_field_embedder(tokens), mask)
    # shape: (words, 2 * hidden_size)
    words = states[mask]
    half = words.size(1) // 2
    return [words[:, :half], words[:, half:]]


def _row(name: str, directions: List[torch.Tensor], draws: int = 5) -> str:
    both = torch.cat(directions, dim=1)
    spreads = []
    for draw in range(draws):
        generator = torch.Generator().manual_seed(draw)
        bound = (6 / (both.size(1) + NUM_TAGS)) ** 0.5
        head = torch.rand(both.size(1), NUM_TAGS, generator=generator) * 2 * bound - bound
        spreads.append(float((both @ head).std()))
    rms = [float(d.pow(2).mean().sqrt()) for d in directions]
    return f"| {name} | {rms[0]:.3f} | {rms[1]:.3f} | {sum(spreads) / draws:.3f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bilm", required=True, help="the BiLM's model.tar.gz")
    parser.add_argument("--tagger", nargs="*", default=[], help="NAME=model.tar.gz of taggers")
    parser.add_argument("--devel", default=str(ROOT / "data" / "ncbi_disease" / "devel.tsv"))
    parser.add_argument("--sentences", type=int, default=300)
    args = parser.parse_args()
    torch.manual_seed(13)
    archive = load_archive(args.bilm)
    bilm = archive.model.eval()
    # The BiLM's reader for every model: the same word and character indexers as the tagger's.
    reader = archive.validation_dataset_reader
    sentences = [s.tokens for s in read_column_file(args.devel)][: args.sentences]
    tensors = _tensors(reader, sentences, bilm)
    fresh = copy.deepcopy(bilm._encoder)
    for name, parameter in fresh.named_parameters():
        if "_lstm." in name:
            torch.nn.init.uniform_(parameter, -0.005, 0.005)
    rows = [
        _row("BiLM's LSTMs (transfer, step 0)", _states(bilm, bilm._encoder, tensors)),
        _row("fresh LSTMs, uniform +-0.005 (none, step 0)", _states(bilm, fresh, tensors)),
    ]
    for named in args.tagger:
        name, path = named.split("=", 1)
        tagger = load_archive(path).model.eval()
        own = _tensors(reader, sentences, tagger)
        rows.append(_row(f"{name} (trained tagger)", _states(tagger, tagger._encoder, own)))
    print(
        f"`python -m experiments.state_scale --bilm {args.bilm}"
        + "".join(f" --tagger {t}" for t in args.tagger)
        + f"`: {len(sentences)} devel sentences\n"
    )
    print("| LSTMs | RMS forward states | RMS backward states | std of fresh head's scores |")
    print("|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()

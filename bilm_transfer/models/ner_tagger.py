from typing import Any, Dict, List, Optional, Tuple

import torch
from allennlp.common.checks import ConfigurationError
from allennlp.data import TextFieldTensors, Vocabulary
from allennlp.models import Model
from allennlp.modules import Seq2SeqEncoder, TextFieldEmbedder, TimeDistributed
from allennlp.modules.conditional_random_field import allowed_transitions
from allennlp.nn import InitializerApplicator
from allennlp.nn.util import sequence_cross_entropy_with_logits

from bilm_serving.tag_schemes import iobes_as_bioul
from bilm_transfer.models.trunk import TrunkModel
from bilm_transfer.modules.crf import BatchedCrf
from bilm_transfer.training.span_f1 import IobesSpanF1


@Model.register("ner_tagger")
class NerTagger(TrunkModel):
    """
    The paper's tagger: word and character embeddings -> BiLSTM -> linear decoder -> CRF
    (sentence-level likelihood; Viterbi decoding restricted to valid IOBES transitions), or, with
    `use_crf: false`, a word-level softmax over the decoder's scores.

    Input `tokens` `(batch, timesteps)` and optionally gold `tags` `(batch, timesteps)`. Output:
    `logits` `(batch, timesteps, num_tags)`, `mask`, and `tags`, the predicted IOBES tag strings
    of each sentence. Metrics: exact-match span precision, recall and F1, overall and per type.

    The embedder and encoder are the parts a `bilm` model trains, under the same names, so the
    `bilm_transfer` initializer can copy them in.

    Registered as a `Model` with name "ner_tagger".

    # Parameters

    vocab : `Vocabulary`
        Words, characters and the tags of `label_namespace`.
    text_field_embedder : `TextFieldEmbedder`
        Word embedding and character CNN (the BiLM's, under the same names).
    encoder : `Seq2SeqEncoder`
        The BiLSTM (`bilm_lstm`), whose output the decoder projects to one score per tag.
    label_namespace : `str`, optional (default = `"labels"`)
        IOBES tags (the `iob_tagging` reader converts IOB input); other tags are refused.
    use_crf : `bool`, optional (default = `True`)
        A CRF (sentence-level likelihood, constrained Viterbi); `False`: a word-level softmax.
    include_start_end_transitions : `bool`, optional (default = `True`)
        Whether the CRF learns scores for a sentence's first and last tags.
    word_dropout : `float`, optional (default = `0.0`, the paper)
        In training, the probability that a word is read as the unknown word (`TrunkModel`).
    initializer : `InitializerApplicator`, optional
        The paper's initialization, and the BiLM transfer (the `bilm_transfer` initializer).
    """

    def __init__(
        self,
        vocab: Vocabulary,
        text_field_embedder: TextFieldEmbedder,
        encoder: Seq2SeqEncoder,
        label_namespace: str = "labels",
        use_crf: bool = True,
        include_start_end_transitions: bool = True,
        initializer: Optional[InitializerApplicator] = None,
        **kwargs,
    ) -> None:
        super().__init__(vocab, text_field_embedder, encoder, **kwargs)
        labels = vocab.get_index_to_token_vocabulary(label_namespace)
        bad = [
            tag for tag in labels.values() if tag != "O" and tag[:2] not in ("B-", "I-", "E-", "S-")
        ]
        if bad:
            raise ConfigurationError(
                f"ner_tagger: labels in namespace {label_namespace!r} must be IOBES, "
                f"found {bad[:5]}"
            )
        self._label_namespace = label_namespace
        self._labels = labels
        self.tag_projection_layer = TimeDistributed(
            torch.nn.Linear(encoder.get_output_dim(), len(labels))
        )
        self.crf: Optional[BatchedCrf] = None
        if use_crf:
            self.crf = BatchedCrf(
                len(labels),
                constraints=allowed_transitions("BIOUL", iobes_as_bioul(labels)),
                include_start_end_transitions=include_start_end_transitions,
            )
        self._span_f1 = IobesSpanF1({tag[2:] for tag in labels.values() if tag != "O"})
        if initializer is not None:
            initializer(self)

    def _decode(
        self, logits: torch.Tensor, mask: torch.BoolTensor
    ) -> Tuple[List[List[str]], List[List[float]]]:
        """Best tags of each sentence, and each tag's probability (CRF marginal, or softmax)."""
        if self.crf is not None:
            best, _ = self.crf.batched_viterbi(logits, mask)
            # shape: (batch, timesteps, num_tags)
            probabilities = self.crf.marginals(logits, mask)
        else:
            best = logits.argmax(dim=-1)
            probabilities = torch.softmax(logits, dim=-1)
        # shape: (batch, timesteps)
        confidences = probabilities.gather(2, best.unsqueeze(2)).squeeze(2)
        lengths = mask.sum(dim=1).tolist()
        tags = [[self._labels[tag] for tag in row[:n]] for row, n in zip(best.tolist(), lengths)]
        return tags, [row[:n] for row, n in zip(confidences.tolist(), lengths)]

    def forward(  # type: ignore
        self,
        tokens: TextFieldTensors,
        tags: Optional[torch.LongTensor] = None,
        metadata: Optional[List[Dict[str, Any]]] = None,
    ) -> Dict[str, Any]:
        """
        # Parameters

        tokens : `TextFieldTensors`
        tags : `torch.LongTensor`, optional, `(batch, timesteps)` gold tag ids
        metadata : `List[Dict[str, Any]]`, optional, with the sentences' `words`

        # Returns

        `logits`, `mask`, `tags` (predicted tag strings), `tag_confidences` (each predicted
        tag's probability: its CRF marginal, or the softmax), `words` (with metadata), and `loss`
        (with gold tags: the mean negative log-likelihood per sentence for the CRF, the mean
        cross-entropy per token for the softmax tagger).
        """
        # shape: (batch, timesteps, 2 * hidden), (batch, timesteps)
        encoded, mask = self._encode(tokens)
        # shape: (batch, timesteps, num_tags)
        logits = self.tag_projection_layer(encoded)
        output: Dict[str, Any] = {"logits": logits, "mask": mask}
        if not self.training or tags is None:
            output["tags"], output["tag_confidences"] = self._decode(logits, mask)
        if metadata is not None:
            output["words"] = [sentence["words"] for sentence in metadata]
        if tags is not None:
            if self.crf is not None:
                output["loss"] = -self.crf(logits, tags, mask) / logits.size(0)
            else:
                output["loss"] = sequence_cross_entropy_with_logits(logits, tags, mask)
            if not self.training:
                gold = [
                    [self._labels[tag] for tag in row[:length]]
                    for row, length in zip(tags.tolist(), mask.sum(dim=1).tolist())
                ]
                self._span_f1(output["tags"], gold)
        return output

    def get_metrics(self, reset: bool = False) -> Dict[str, float]:
        # Per-type scores at an epoch's end (metrics.json), overall ones on the progress bar.
        metrics = self._span_f1.get_metric(reset)
        return metrics if reset else {k: v for k, v in metrics.items() if k.endswith("-overall")}

    default_predictor = "ner_tagger"

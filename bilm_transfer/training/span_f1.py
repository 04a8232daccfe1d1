from typing import Dict, Iterable, List, Sequence

import torch
import torch.distributed as dist
from allennlp.nn.util import is_distributed
from allennlp.training.metrics import Metric

from bilm_serving.tag_schemes import lenient_spans, strict_iobes_spans


def precision_recall_f1(
    true_positives: float, false_positives: float, false_negatives: float
) -> Dict[str, float]:
    """`precision`, `recall` and `f1-measure` of entity counts (0 where undefined)."""
    precision = true_positives / max(true_positives + false_positives, 1e-13)
    recall = true_positives / max(true_positives + false_negatives, 1e-13)
    f1 = 2 * precision * recall / max(precision + recall, 1e-13)
    return {"precision": precision, "recall": recall, "f1-measure": f1}


@Metric.register("iobes_span_f1")
class IobesSpanF1(Metric):
    """
    Exact-match entity precision, recall and F1, overall and per entity type, on IOBES tag
    strings. Predicted entities are read with seqeval's strict IOBES rules (a broken run is no
    entity), so the F1 equals `seqeval.metrics.f1_score(gold, predicted, mode="strict",
    scheme=IOBES)`; gold tags are read leniently.

    Unlike AllenNLP's `SpanBasedF1Measure`, the counts are summed over all workers in distributed
    training, and invalid predicted sequences (from a softmax tagger) are scored, not rejected.

    Keys follow `SpanBasedF1Measure`: `precision-overall`, `recall-overall`, `f1-measure-overall`
    and `{precision,recall,f1-measure}-{TYPE}`.

    # Parameters

    entity_types : `Iterable[str]`
        All types that may occur (fixed, so that workers sum the same counters).
    """

    def __init__(self, entity_types: Iterable[str]) -> None:
        self._types: List[str] = sorted(set(entity_types))
        self._index = {entity_type: i for i, entity_type in enumerate(self._types)}
        # shape: (num_types, 3): true positives, false positives, false negatives
        self._counts = torch.zeros(len(self._types), 3, dtype=torch.long)
        self._sentences = 0

    def __call__(  # type: ignore
        self, predicted_tags: Sequence[Sequence[str]], gold_tags: Sequence[Sequence[str]]
    ) -> None:
        self._sentences += len(gold_tags)
        for predicted, gold in zip(predicted_tags, gold_tags):
            predicted_spans = set(strict_iobes_spans(predicted))
            gold_spans = set(lenient_spans(gold)[0])
            for span in predicted_spans:
                self._counts[self._index[span.label], 0 if span in gold_spans else 1] += 1
            for span in gold_spans - predicted_spans:
                self._counts[self._index[span.label], 2] += 1

    def get_metric(self, reset: bool = False) -> Dict[str, float]:
        counts = torch.cat([self._counts.flatten(), torch.tensor([self._sentences])])
        if is_distributed():
            on_gpu = dist.get_backend() == "nccl"
            counts = counts.cuda() if on_gpu else counts
            dist.all_reduce(counts, op=dist.ReduceOp.SUM)
            counts = counts.cpu()
        sentences = int(counts[-1])
        counts = counts[:-1].view(-1, 3)
        if sentences == 0:  # nothing scored yet (e.g. training batches, which are not decoded)
            return {}
        metrics: Dict[str, float] = {}
        for entity_type, (tp, fp, fn) in zip(self._types, counts.tolist()):
            for name, value in precision_recall_f1(tp, fp, fn).items():
                metrics[f"{name}-{entity_type}"] = value
        tp, fp, fn = counts.sum(dim=0).tolist() if self._types else (0, 0, 0)
        for name, value in precision_recall_f1(tp, fp, fn).items():
            metrics[f"{name}-overall"] = value
        if reset:
            self.reset()
        return metrics

    def reset(self) -> None:
        self._counts.zero_()
        self._sentences = 0

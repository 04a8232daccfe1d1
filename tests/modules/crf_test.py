import torch
from allennlp.modules.conditional_random_field import allowed_transitions

from bilm_transfer.modules import BatchedCrf

LABELS = dict(enumerate(["O", "B-A", "I-A", "E-A", "S-A", "B-B", "I-B", "E-B", "S-B"]))


def test_batched_viterbi_equals_allennlp_viterbi():
    torch.manual_seed(0)
    for include_start_end in (True, False):
        crf = BatchedCrf(9, allowed_transitions("BIOUL", LABELS), include_start_end)
        torch.nn.init.normal_(crf.transitions)
        if include_start_end:
            torch.nn.init.normal_(crf.start_transitions)
            torch.nn.init.normal_(crf.end_transitions)
        lengths = torch.tensor([7, 1, 4, 6, 2])
        mask = torch.arange(7).unsqueeze(0) < lengths.unsqueeze(1)
        logits = torch.randn(5, 7, 9) * 3
        tags, scores = crf.batched_viterbi(logits, mask)
        expected = crf.viterbi_tags(logits, mask)
        for row, length, (path, _) in zip(tags.tolist(), lengths.tolist(), expected):
            assert row[:length] == path
        assert torch.allclose(scores, torch.tensor([score for _, score in expected]), atol=1e-4)

import torch
from allennlp.modules.conditional_random_field import allowed_transitions

from bilm_serving.tag_schemes import iobes_as_bioul
from bilm_transfer.modules import BatchedCrf

LABELS = dict(enumerate(["O", "B-A", "I-A", "E-A", "S-A", "B-B", "I-B", "E-B", "S-B"]))


def test_batched_viterbi_equals_allennlp_viterbi():
    torch.manual_seed(0)
    for include_start_end in (True, False):
        crf = BatchedCrf(9, allowed_transitions("BIOUL", iobes_as_bioul(LABELS)), include_start_end)
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


def test_iobes_constraints():
    allowed = set(allowed_transitions("BIOUL", iobes_as_bioul(LABELS)))
    index = {tag: i for i, tag in LABELS.items()}
    start, end = len(LABELS), len(LABELS) + 1

    def ok(previous, tag):
        return (index.get(previous, start), index.get(tag, end)) in allowed

    for previous, tag in [
        ("O", "S-A"),
        ("O", "B-A"),
        ("B-A", "I-A"),
        ("B-A", "E-A"),
        ("I-A", "E-A"),
        ("E-A", "O"),
        ("S-A", "B-B"),
        ("START", "S-A"),
        ("E-B", "END"),
    ]:
        assert ok(previous, tag), (previous, tag)
    for previous, tag in [
        ("O", "I-A"),
        ("O", "E-A"),
        ("B-A", "O"),
        ("B-A", "S-A"),
        ("B-A", "E-B"),
        ("I-A", "O"),
        ("START", "E-A"),
        ("B-A", "END"),
        ("S-A", "I-A"),
    ]:
        assert not ok(previous, tag), (previous, tag)


def test_marginals_equal_brute_force_enumeration():
    import itertools

    torch.manual_seed(1)
    labels = {0: "O", 1: "B-A", 2: "I-A", 3: "E-A", 4: "S-A"}
    crf = BatchedCrf(5, allowed_transitions("BIOUL", iobes_as_bioul(labels)))
    torch.nn.init.normal_(crf.transitions)
    torch.nn.init.normal_(crf.start_transitions)
    torch.nn.init.normal_(crf.end_transitions)
    logits = torch.randn(2, 4, 5)
    mask = torch.tensor([[True] * 4, [True, True, True, False]])
    marginals = crf.marginals(logits, mask)
    transitions, start, end = crf._constrained_scores()
    for row, length in enumerate([4, 3]):
        expected = torch.zeros(length, 5)
        total = torch.tensor(0.0)
        for path in itertools.product(range(5), repeat=length):
            score = (
                start[path[0]]
                + end[path[-1]]
                + sum(logits[row, t, tag] for t, tag in enumerate(path))
            )
            score = score + sum(transitions[a, b] for a, b in zip(path, path[1:]))
            weight = score.exp()
            total += weight
            for t, tag in enumerate(path):
                expected[t, tag] += weight
        assert torch.allclose(marginals[row, :length], expected / total, atol=1e-5)
    assert torch.allclose(marginals[0].sum(-1), torch.ones(4), atol=1e-5)

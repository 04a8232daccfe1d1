import pytest
import torch

from bilm_serving.model import ScriptableTagger
from bilm_serving.tagger import StandaloneTagger
from tests.conftest import NCBI_FIXTURES, ROOT

# A real shipped model (packed weights, unpacked at load), so that quantization meets real weights.
NCBI_MODEL = ROOT / "models" / "ncbi_disease"


def _sentences():
    sentences, words = [], []
    for line in (NCBI_FIXTURES / "test.tsv").read_text().splitlines():
        if line.strip():
            words.append(line.split("\t")[0])
        elif words:
            sentences.append(words)
            words = []
    return sentences + ([words] if words else [])


@pytest.fixture(scope="module")
def float32_tagger():
    # No spelling cache: a model swapped in must compute every spelling's features itself.
    return StandaloneTagger(str(NCBI_MODEL), cached_spellings=0)


def test_a_tagger_rebuilt_from_its_state_dict_computes_what_the_exported_one_does(
    float32_tagger,
):
    exported = float32_tagger._model
    rebuilt = torch.jit.script(
        ScriptableTagger.from_state_dict(exported.state_dict(), bool(exported.use_crf)).eval()
    )
    sentences = _sentences()
    expected = float32_tagger.tag(sentences)
    float32_tagger._model = rebuilt
    try:
        got = float32_tagger.tag(sentences)
    finally:
        float32_tagger._model = exported
    assert [tags for tags, _ in got] == [tags for tags, _ in expected]
    for (_, probabilities), (_, reference) in zip(got, expected):
        assert probabilities == pytest.approx(reference, abs=1e-5)


def test_int8_quantizes_the_lstms_and_tags_almost_as_float32(float32_tagger):
    int8 = StandaloneTagger(str(NCBI_MODEL), precision="int8")
    for name in ("forward_lstm", "backward_lstm", "projection"):
        module_type = getattr(int8._model, name)._c._type().qualified_name()
        assert ".quantized.dynamic." in module_type
    sentences = _sentences()
    expected = [tags for tags, _ in float32_tagger.tag(sentences)]
    got = [tags for tags, _ in int8.tag(sentences)]
    total = sum(len(tags) for tags in expected)
    agreeing = sum(
        a == b for tags, reference in zip(got, expected) for a, b in zip(tags, reference)
    )
    assert total > 500
    assert agreeing / total >= 0.99


def test_an_unknown_precision_is_refused_by_name():
    with pytest.raises(ValueError, match="precision must be one of .*'int4'"):
        StandaloneTagger(str(NCBI_MODEL), precision="int4")


@pytest.mark.parametrize(
    "precision, device, message",
    [
        ("int8", "cuda", "int8 runs on CPUs only, not on device 'cuda'"),
        ("float32", "gpu0", "device 'gpu0': "),
    ],
)
def test_an_unusable_device_is_refused_by_name(precision, device, message):
    with pytest.raises(ValueError, match=message):
        StandaloneTagger(str(NCBI_MODEL), precision=precision, device=device)


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the refusal where no GPU is")
def test_cuda_without_a_gpu_is_refused_by_name():
    with pytest.raises(ValueError, match="device 'cuda': this machine has no CUDA GPU"):
        StandaloneTagger(str(NCBI_MODEL), device="cuda")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_a_gpu_tags_as_the_cpu_does(float32_tagger):
    sentences = _sentences()
    gpu = StandaloneTagger(str(NCBI_MODEL), device="cuda")
    expected, got = float32_tagger.tag(sentences), gpu.tag(sentences)
    assert [tags for tags, _ in got] == [tags for tags, _ in expected]


def test_probabilities_never_exceed_one(float32_tagger):
    # Forward-backward gave 1.0000153 to "lupus" here before the marginals were clamped.
    sentence = (
        "Several of the heterogeneous clinical manifestations of systemic lupus erythematosus "
        "have been associated with specific autoantibodies ."
    ).split()
    for _, probabilities in float32_tagger.tag([sentence, *_sentences()]):
        assert all(0.0 <= probability <= 1.0 for probability in probabilities)

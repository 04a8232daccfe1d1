import pytest

from bilm_tagging.formats.errors import DataFormatError
from bilm_transfer.dataset_readers import IobTaggingReader
from tests.conftest import NCBI_FIXTURES


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_reads_iob_as_iobes(tmp_path):
    path = write(
        tmp_path,
        "a.tsv",
        "-DOCSTART-\tO\n\nThe\tO\nbreast\tB-Disease\ncancer\tI-Disease\ngene\tO\n\n"
        "APC\tB-Disease\n3\tO\n",
    )
    instances = list(IobTaggingReader().read(path))
    assert len(instances) == 2
    assert instances[0]["tags"].labels == ["O", "B-Disease", "E-Disease", "O"]
    assert instances[1]["tags"].labels == ["S-Disease", "O"]
    assert instances[0]["metadata"]["words"] == ["The", "breast", "cancer", "gene"]


def test_numbers_are_one_word_but_keep_their_characters(tmp_path):
    from allennlp.data import Vocabulary

    path = write(tmp_path, "a.tsv", "dose\tO\n250\tO\n12\tO\n")
    instance = list(IobTaggingReader().read(path))[0]
    vocab = Vocabulary.from_instances([instance])
    assert "<NUM>" in vocab.get_token_to_index_vocabulary("tokens")
    assert "250" not in vocab.get_token_to_index_vocabulary("tokens")
    assert "5" in vocab.get_token_to_index_vocabulary("token_characters")
    instance.index_fields(vocab)
    words = instance["tokens"].as_tensor(instance["tokens"].get_padding_lengths())
    assert words["tokens"]["tokens"][1] == words["tokens"]["tokens"][2]


def test_several_files_read_as_one_dataset():
    train, devel = NCBI_FIXTURES / "train.tsv", NCBI_FIXTURES / "devel.tsv"
    reader = IobTaggingReader()
    both = list(reader.read(f"{train},{devel}"))
    assert len(both) == len(list(reader.read(str(train)))) + len(list(reader.read(str(devel))))


@pytest.mark.parametrize(
    "text, line, problem",
    [
        ("a\tO\nb\n", 2, "1 column"),
        ("a\tO\n\nb\tO\tO\n", 3, "3 column"),
        ("a\tO\nb\tX-Disease\n", 2, "tag 'X-Disease'"),
        ("a\tO\n\t\tO\n", 2, "3 column"),
    ],
)
def test_malformed_line_names_file_and_line(tmp_path, text, line, problem):
    path = write(tmp_path, "bad.tsv", text)
    with pytest.raises(DataFormatError, match=rf"bad\.tsv, line {line}: .*{problem}"):
        list(IobTaggingReader().read(path))


def test_not_utf8_and_empty_files(tmp_path):
    path = tmp_path / "latin1.tsv"
    path.write_bytes(b"a\tO\ncaf\xe9\tO\n")
    with pytest.raises(DataFormatError, match=r"latin1\.tsv, line 2: not UTF-8"):
        list(IobTaggingReader().read(str(path)))
    with pytest.raises(DataFormatError, match="contains no sentence"):
        list(IobTaggingReader().read(write(tmp_path, "blank.tsv", "\n\n  \n")))


def test_crlf_line_endings(tmp_path):
    path = write(tmp_path, "crlf.tsv", "")
    (tmp_path / "crlf.tsv").write_bytes(b"a\tB-X\r\nb\tI-X\r\n\r\nc\tO\r\n")
    instances = list(IobTaggingReader().read(path))
    assert [i["tags"].labels for i in instances] == [["B-X", "E-X"], ["O"]]


def test_repairs_are_counted_in_the_log(tmp_path, caplog):
    path = write(tmp_path, "sloppy.tsv", "a\tI-X\nb\tI-X\nc\tO\nd\tI-X\n\ne\tB-X\n")
    with caplog.at_level("WARNING"):
        instances = list(IobTaggingReader().read(path))
    assert [i["tags"].labels for i in instances] == [["B-X", "E-X", "O", "S-X"], ["S-X"]]
    assert "sloppy.tsv: 2 I- tag(s) did not continue an entity" in caplog.text


def test_missing_path_names_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.tsv"):
        list(IobTaggingReader().read(str(tmp_path / "nowhere.tsv")))
    with pytest.raises(DataFormatError, match="is a directory"):
        list(IobTaggingReader().read(str(tmp_path)))


def test_huge_token_and_long_sentence_train(tmp_path):
    """A 10,000-character token and a 2,000-token sentence: read, batched, forward and backward."""
    from allennlp.data import Batch

    from tests.conftest import FIXTURES, build_from_config

    lines = ["x" * 10_000 + "\tB-Disease", "tail\tI-Disease", ""]
    lines += [f"w{i}\tO" for i in range(2_000)]
    path = write(tmp_path, "huge.tsv", "\n".join(lines) + "\n")
    config = FIXTURES / "configs" / "tiny_ner_no_pretraining.jsonnet"
    instances, vocab, model = build_from_config(config, path)
    assert [len(i["tokens"]) for i in instances] == [2, 2_000]
    batch = Batch(instances)
    batch.index_instances(vocab)
    tensors = batch.as_tensor_dict()
    assert tensors["tokens"]["token_characters"]["token_characters"].shape[-1] == 100  # capped
    output = model(**tensors)
    output["loss"].backward()
    assert output["loss"].isfinite()

"""Property tests: any file reads into valid IOBES instances or fails with a DataFormatError."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bilm_serving.tag_schemes import strict_iobes_spans, to_iobes
from bilm_tagging.formats.errors import DataFormatError
from bilm_transfer.dataset_readers import IobTaggingReader

tags = st.sampled_from(["O", "B-A", "I-A", "E-A", "S-A", "B-B", "I-B", "X", "B-", "i-A", ""])
tokens = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=6
)
lines = st.one_of(
    st.tuples(tokens, tags).map(lambda pair: "\t".join(pair)),
    st.just(""),
    st.just("-DOCSTART-\tO"),
    tokens,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(lines, max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_reader_never_crashes_otherwise(tmp_path_factory, file_lines, newline):
    path = tmp_path_factory.mktemp("fuzz") / "data.tsv"
    path.write_bytes(newline.join(file_lines).encode("utf-8"))
    try:
        instances = list(IobTaggingReader().read(str(path)))
    except DataFormatError as error:
        assert str(path) in str(error)
        return
    for instance in instances:
        labels = instance["tags"].labels
        assert len(labels) == len(instance["tokens"])
        # Valid IOBES: strict reading finds every entity the tags mark.
        assert to_iobes(labels) == (labels, 0)
        assert len(strict_iobes_spans(labels)) == sum(tag[0] in "BS" for tag in labels)

import pytest

from bilm_tagging.formats.document import Document, Mention
from bilm_tagging.formats.errors import DataFormatError
from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer
from bilm_transfer.dataset_readers import BratReader, PubTatorReader
from bilm_transfer.formats.standoff import resolve_overlaps, tagged_sentences
from tests.conftest import ROOT

PUBTATOR = """\
100|t|Naloxone reverses clonidine hypotension.
100|a|In rats, clonidine-induced hypotension was reversed. It was not.
100\t0\t8\tNaloxone\tChemical\tD009270
100\t18\t27\tclonidine\tChemical\tD003000
100\t28\t39\thypotension\tDisease\tD007022
100\t50\t59\tclonidine\tChemical\tD003000
100\t68\t79\thypotension\tDisease\tD007022
100\tCID\tD003000\tD007022

200|t|Nothing here
200|a|At all.
"""


def tags_of(instances):
    return [(list(i["metadata"]["words"]), i["tags"].labels) for i in instances]


def test_pubtator_documents_become_iobes_sentences(tmp_path):
    path = tmp_path / "cdr.pubtator"
    path.write_text(PUBTATOR)
    sentences = tags_of(PubTatorReader().read(str(path)))
    assert sentences[0] == (
        ["Naloxone", "reverses", "clonidine", "hypotension", "."],
        ["S-Chemical", "O", "S-Chemical", "S-Disease", "O"],
    )
    assert sentences[1][0][:6] == ["In", "rats", ",", "clonidine", "-", "induced"]
    assert sentences[1][1][:7] == ["O", "O", "O", "S-Chemical", "O", "O", "S-Disease"]
    assert [words for words, _ in sentences[2:]] == [
        ["It", "was", "not", "."],
        ["Nothing", "here"],
        ["At", "all", "."],
    ]
    only_diseases = tags_of(PubTatorReader(entity_types=["Disease"]).read(str(path)))
    assert only_diseases[0][1] == ["O", "O", "O", "S-Disease", "O"]


def test_pubtator_errors_name_file_and_line(tmp_path):
    path = tmp_path / "bad.pubtator"
    path.write_text("1|t|Aspirin helps.\n1\t0\t7\tAspirim\tChemical\tX\n")
    with pytest.raises(
        DataFormatError, match=r"bad\.pubtator, line 2: mention 'Aspirim' does not match"
    ):
        list(PubTatorReader().read(str(path)))
    path.write_text("1|t|Aspirin helps.\n1\tzero\t7\tAspirin\n")
    with pytest.raises(DataFormatError, match="line 2: expected 'PMID<TAB>start"):
        list(PubTatorReader().read(str(path)))


def test_overlaps_keep_the_longest_and_boundaries_widen_to_tokens():
    mentions = [
        Mention(0, 13, "A"),
        Mention(7, 13, "B"),
        Mention(20, 23, "C"),
        Mention(14, 19, "D"),
    ]
    kept, dropped = resolve_overlaps(mentions)
    assert (
        kept == [Mention(0, 13, "A"), Mention(14, 19, "D"), Mention(20, 23, "C")] and dropped == 1
    )
    document = Document(
        "d", "breast cancer genes and more", [Mention(0, 13, "X"), Mention(16, 18, "Y")]
    )
    [(tokens, tags, counts)] = list(tagged_sentences(document, BiomedicalTokenizer()))
    assert tags == ["B-X", "E-X", "S-Y", "O", "O"]  # 'ne' (16-18) widened to 'genes'
    assert counts.widened_to_tokens == 1


def test_brat_folder(tmp_path):
    (tmp_path / "d1.txt").write_text("IL-2 activates NF-kappaB in T cells.")
    (tmp_path / "d1.ann").write_text(
        "T1\tprotein 0 4\tIL-2\nT2\tprotein 15 24\tNF-kappaB\nT3\tcell_type 28 35\tT cells\n"
        "T4\tprotein 15 17;21 24\tNF...apB\nA1\tNegation T1\n#1\tAnnotatorNotes T1\tnote\n"
    )
    (tmp_path / "d2.txt").write_text("No entities.")
    reader = BratReader(tokenizer=BiomedicalTokenizer("genia"))
    sentences = tags_of(reader.read(str(tmp_path)))
    assert sentences == [
        (["IL-2", "activates", "NF-kappaB", "in", "T", "cells", "."],
         ["S-protein", "O", "S-protein", "O", "B-cell_type", "E-cell_type", "O"]),
        (["No", "entities", "."], ["O", "O", "O"]),
    ]  # fmt: skip
    excluded = tmp_path.parent / f"{tmp_path.name}-exclude.lst"
    excluded.write_text("d1\n")
    assert len(list(BratReader(exclude_documents=str(excluded)).read(str(tmp_path)))) == 1
    (tmp_path / "d2.ann").write_text("T1\tprotein 0 2\tXx\n")
    with pytest.raises(DataFormatError, match=r"d2\.ann, line 1: mention \['Xx'\] does not match"):
        list(reader.read(str(tmp_path)))
    with pytest.raises(DataFormatError, match="not a folder"):
        list(reader.read(str(tmp_path / "d1.txt")))


SHARED_JNLPBA = ROOT.parent / "shared" / "data" / "JNLPBA-standoff" / "train"


@pytest.mark.skipif(not SHARED_JNLPBA.is_dir(), reason="needs ../shared/data")
def test_real_jnlpba_abstract():
    from bilm_tagging.formats.brat import read_brat_document

    document = read_brat_document(str(SHARED_JNLPBA / "90110496.txt"))
    assert document.mentions[0] == Mention(0, 27, "protein")
    tokens, tags, _ = next(tagged_sentences(document, BiomedicalTokenizer("genia")))
    assert tags[: len(tokens)].count("O") < len(tags)

import gzip
import shutil

import pytest

from bilm_tagging.formats.errors import DataFormatError
from bilm_tagging.formats.pubmed import read_pubmed_xml
from bilm_tagging.formats.pubtator import read_pubtator
from tests.conftest import FIXTURES

DOCUMENTS = FIXTURES / "data" / "documents"


def test_citations_read_as_title_and_abstract(tmp_path):
    expected = [
        (d.id, d.text, d.sections) for d in read_pubtator(str(DOCUMENTS / "jnlpba6.pubtator"))
    ]
    documents = list(read_pubmed_xml(str(DOCUMENTS / "jnlpba6.pubmed.xml")))
    assert [(d.id, d.text, d.sections) for d in documents] == expected
    zipped = tmp_path / "citations.xml.gz"
    with open(DOCUMENTS / "jnlpba6.pubmed.xml", "rb") as plain, gzip.open(zipped, "wb") as out:
        shutil.copyfileobj(plain, out)
    assert [d.text for d in read_pubmed_xml(str(zipped))] == [d.text for d in documents]


def test_markup_and_several_abstract_parts(tmp_path):
    path = tmp_path / "one.xml"
    path.write_text(
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>7</PMID><Article>"
        "<ArticleTitle>The <i>BRCA1</i>   gene</ArticleTitle><Abstract>"
        "<AbstractText Label='BACKGROUND'>First.</AbstractText><AbstractText>Second.</AbstractText>"
        "</Abstract></Article></MedlineCitation></PubmedArticle>"
        "<PubmedArticle><MedlineCitation><PMID>8</PMID><Article><ArticleTitle>No abstract."
        "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )
    first, second = read_pubmed_xml(str(path))
    assert (first.id, first.text, first.sections) == (
        "7",
        "The BRCA1 gene First. Second.",
        [(0, 14), (15, 29)],
    )
    assert (second.id, second.text, second.sections) == ("8", "No abstract.", [(0, 12)])


def test_bad_xml_names_file_and_line(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text("<PubmedArticleSet>\n<PubmedArticle>\n</Oops>")
    with pytest.raises(DataFormatError, match="bad.xml, line 3: not PubMed XML"):
        list(read_pubmed_xml(str(path)))

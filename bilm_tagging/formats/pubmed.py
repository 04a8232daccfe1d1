"""PubMed/MEDLINE citation XML (`PubmedArticleSet`, as E-utilities' efetch and the annual
baseline files give it, gzipped or not): each citation's title and abstract, one at a time."""

import gzip
from typing import Iterator

from lxml import etree

from bilm_tagging.formats.document import Document
from bilm_tagging.formats.errors import DataFormatError


def _text(element) -> str:
    """An element's text with its markup (`<i>`, `<sup>`) dropped and whitespace collapsed."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def read_pubmed_xml(path: str) -> Iterator[Document]:
    """
    One document per `PubmedArticle`: id the PMID, text `title + " " + abstract` (the abstract's
    `AbstractText` parts joined by spaces, as PubTator joins them), the title and the abstract
    its two sections. Memory stays flat: each article is dropped once read.
    """
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as source:
        try:
            for _, article in etree.iterparse(source, events=("end",), tag="PubmedArticle"):
                citation = article.find("MedlineCitation")
                pmid = citation.findtext("PMID") if citation is not None else None
                if not pmid:
                    raise DataFormatError(path, article.sourceline, "PubmedArticle without a PMID")
                title = _text(citation.find("Article/ArticleTitle"))
                abstract = " ".join(
                    _text(part) for part in citation.iterfind("Article/Abstract/AbstractText")
                )
                text = f"{title} {abstract}" if abstract else title
                sections = [(0, len(title))] + ([(len(title) + 1, len(text))] if abstract else [])
                yield Document(pmid.strip(), text, [], sections)
                article.clear()
                while article.getprevious() is not None:
                    del article.getparent()[0]
        except etree.XMLSyntaxError as error:
            raise DataFormatError(path, error.lineno, f"not PubMed XML: {error.msg}") from None

"""
Writes fixtures/data/documents/: six real JNLPBA training abstracts (PubMed titles and abstracts,
GENIA annotations) in each input format of `bilm-tag`, for the format tests. PubTator from the
brat standoff files; BioC XML and JSON from that PubTator with the `bioc` package (title and
abstract passages); PubTator3's BioC JSON variant; PubMed citation XML; JSON lines; text.

    .venv/bin/python scripts/make_document_fixtures.py [../shared/data/JNLPBA-standoff/train]
"""

import json
import pathlib
import sys

import bioc
from bioc import biocjson, pubtator
from lxml import etree

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "data" / "documents"
PMIDS = ["90110496", "90124644", "90153985", "90161003", "90171176", "90206049"]


def main() -> None:
    source = pathlib.Path(
        sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared/data/JNLPBA-standoff/train"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    lines = []
    for pmid in PMIDS:
        title, abstract = (
            (source / f"{pmid}.txt").read_text(encoding="utf-8").rstrip("\n").split("\n", 1)
        )
        lines += [f"{pmid}|t|{title}", f"{pmid}|a|{abstract}"]
        for row in (source / f"{pmid}.ann").read_text(encoding="utf-8").splitlines():
            _, span, text = row.split("\t")
            label, start, end = span.split()
            lines.append(f"{pmid}\t{start}\t{end}\t{text}\t{label}\t-")
        lines.append("")
    (OUT / "jnlpba6.pubtator").write_text("\n".join(lines) + "\n", encoding="utf-8")

    collection = bioc.BioCCollection()
    collection.source, collection.date, collection.key = "JNLPBA (GENIA)", "20261126", "bioc.key"
    articles = etree.Element("PubmedArticleSet")
    for document in pubtator.loads((OUT / "jnlpba6.pubtator").read_text(encoding="utf-8")):
        converted = bioc.BioCDocument()
        converted.id = document.pmid
        for kind, offset, text in (
            ("title", 0, document.title),
            ("abstract", len(document.title) + 1, document.abstract),
        ):
            passage = bioc.BioCPassage()
            passage.offset, passage.text = offset, text
            passage.infons["type"] = kind
            for number, mention in enumerate(document.annotations):
                if offset <= mention.start and mention.end <= offset + len(text):
                    annotation = bioc.BioCAnnotation()
                    annotation.id = f"{kind[0]}{number}"
                    annotation.infons["type"] = mention.type
                    annotation.text = mention.text
                    annotation.add_location(
                        bioc.BioCLocation(mention.start, mention.end - mention.start)
                    )
                    passage.add_annotation(annotation)
            converted.add_passage(passage)
        collection.add_document(converted)
        article = etree.SubElement(articles, "PubmedArticle")
        citation = etree.SubElement(article, "MedlineCitation", Status="MEDLINE", Owner="NLM")
        etree.SubElement(citation, "PMID", Version="1").text = document.pmid
        article_element = etree.SubElement(citation, "Article")
        etree.SubElement(article_element, "ArticleTitle").text = document.title
        etree.SubElement(
            etree.SubElement(article_element, "Abstract"), "AbstractText"
        ).text = document.abstract
    with open(OUT / "jnlpba6.bioc.xml", "w", encoding="utf-8") as out:
        bioc.dump(collection, out)
    with open(OUT / "jnlpba6.bioc.json", "w", encoding="utf-8") as out:
        biocjson.dump(collection, out, indent=1)
    # PubTator3's export: documents under "PubTator3", with keys of its own, no bioctype.
    documents = []
    for document in biocjson.toJSON(collection)["documents"]:
        for passage in document["passages"]:
            passage.pop("bioctype"), passage.pop("sentences"), passage.pop("relations")
        documents.append(
            {
                "_id": f"{document['id']}|None",
                "pmid": int(document["id"]),
                "id": document["id"],
                "passages": document["passages"],
                "relations": [],
            }
        )
    (OUT / "jnlpba6.pubtator3.json").write_text(
        json.dumps({"PubTator3": documents}, indent=1), encoding="utf-8"
    )
    etree.ElementTree(articles).write(
        str(OUT / "jnlpba6.pubmed.xml"), encoding="utf-8", xml_declaration=True, pretty_print=True
    )
    with open(OUT / "jnlpba6.jsonl", "w", encoding="utf-8") as out:
        for document in collection.documents:
            out.write(
                json.dumps({"id": document.id, "text": " ".join(p.text for p in document.passages)})
                + "\n"
            )
    (OUT / "jnlpba6.txt").write_text(
        "\n\n".join(" ".join(p.text for p in d.passages) for d in collection.documents) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()

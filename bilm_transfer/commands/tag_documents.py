import argparse
import logging
from typing import List

from allennlp.commands.subcommand import Subcommand
from allennlp.common.checks import ConfigurationError
from allennlp.common.tqdm import Tqdm
from allennlp.models.archival import load_archive
from allennlp.predictors import Predictor

from bilm_tagging.document_formats import (
    INPUT_FORMATS,
    OUTPUT_FORMATS,
    DocumentWriter,
    read_documents,
)
from bilm_tagging.formats.document import Document

logger = logging.getLogger(__name__)


@Subcommand.register("tag-documents")
class TagDocuments(Subcommand):
    """
    `allennlp tag-documents MODEL INPUT -o OUTPUT`: tags whole documents (titles and abstracts)
    with a trained `ner_tagger` and writes their entities with character offsets. Input: JSON lines
    `{"id": ..., "text": ...}`, plain text, PubTator (`PMID|t|`, `PMID|a|`), BioC XML or JSON,
    PubMed XML or a brat folder (`.txt`); output: JSON lines, PubTator, BioC XML or JSON, brat
    (`.txt` + `.ann`) or CoNLL (`token<TAB>tag`). A PubTator title and its abstract (BioC: each
    passage) are tagged as separate sections, and PubTator in gives PubTator out with every
    document and valid offsets. `bilm-tag` does the same with a shipped model, without AllenNLP's
    archive loading.

    Registered as a `Subcommand` with name "tag-documents".
    """

    def add_subparser(self, parser: argparse._SubParsersAction) -> argparse.ArgumentParser:
        description = "Tag documents with a trained ner_tagger; entities with character offsets."
        subparser = parser.add_parser(self.name, description=description, help=description)
        subparser.add_argument("archive_file", help="the trained tagger's model.tar.gz")
        subparser.add_argument(
            "input", help="a documents file (see --input-format) or a brat folder"
        )
        subparser.add_argument(
            "-o", "--output", required=True, help="output file (folder for brat)"
        )
        subparser.add_argument("--input-format", choices=INPUT_FORMATS, default="jsonl")
        subparser.add_argument("--output-format", choices=OUTPUT_FORMATS, default="jsonl")
        subparser.add_argument("--batch-size", type=int, default=16, help="documents per batch")
        subparser.add_argument("--cuda-device", type=int, default=-1)
        subparser.set_defaults(func=tag_documents_from_args)
        return subparser


def tag_documents_from_args(args: argparse.Namespace) -> None:
    archive = load_archive(args.archive_file, cuda_device=args.cuda_device)
    predictor = Predictor.from_archive(archive, "ner_tagger")
    tag_documents(
        predictor, args.input, args.output, args.input_format, args.output_format, args.batch_size
    )


def tag_documents(
    predictor: Predictor,
    input_path: str,
    output_path: str,
    input_format: str = "jsonl",
    output_format: str = "jsonl",
    batch_size: int = 16,
) -> int:
    """Tags every document of `input_path` into `output_path`; returns the number of documents."""
    if input_format not in INPUT_FORMATS or output_format not in OUTPUT_FORMATS:
        raise ConfigurationError(
            f"formats: input one of {INPUT_FORMATS}, output one of {OUTPUT_FORMATS}"
        )
    writer = DocumentWriter(output_path, output_format)
    count = 0
    batch: List[Document] = []
    try:
        for document in Tqdm.tqdm(
            read_documents(input_path, input_format), desc="tagging documents"
        ):
            batch.append(document)
            if len(batch) == batch_size:
                count += _tag_batch(predictor, batch, writer)
                batch = []
        count += _tag_batch(predictor, batch, writer)
    finally:
        writer.close()
    logger.info("Tagged %d documents into %s (%s)", count, output_path, output_format)
    return count


def _tag_batch(predictor: Predictor, documents: List[Document], writer: DocumentWriter) -> int:
    inputs = [{"id": d.id, "text": d.text, "sections": d.sections} for d in documents]
    for document, result in zip(documents, predictor.predict_batch_json(inputs)):
        writer.write(document, result)
    return len(documents)

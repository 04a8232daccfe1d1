"""Tagged documents as CoNLL-style columns (the training files' format,
`bilm_transfer.formats.columns`, reads them back)."""

from typing import Any, Dict, List, TextIO


def write_conll_document(document_id: str, sentences: List[Dict[str, Any]], out: TextIO) -> None:
    """A tagged document as `-DOCSTART-<TAB>id`, then token<TAB>tag lines, a blank line after
    each sentence (`sentences`: the predictor's, with `tokens` and `tags`)."""
    out.write(f"-DOCSTART-\t{document_id}\n\n")
    for sentence in sentences:
        for token, tag in zip(sentence["tokens"], sentence["tags"]):
            out.write(f"{token}\t{tag}\n")
        out.write("\n")

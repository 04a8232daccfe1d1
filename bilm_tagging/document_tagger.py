import json
import os
from typing import Any, Dict, List, Optional, Sequence

from bilm_serving import StandaloneTagger
from bilm_serving.output import OffsetToken, tagged_document
from bilm_tagging.formats.document import Document
from bilm_tagging.sentences import offset_sentences

# A shipped model's description, written by `allennlp ship-model`.
CARD_FILE = "card.json"


class DocumentTagger:
    """
    Tags whole documents with an exported tagger (a shipped model's folder, or what
    `allennlp export-tagger` wrote): sentences and tokens exactly as `allennlp predict` makes
    them from `text` (`bilm_tagging.sentences`: spaCy's rule-based sentencizer within each
    section, the training corpus's tokenizer), the network on PyTorch alone, without AllenNLP.
    A document's result equals the `ner_tagger` predictor's for `{"id": ..., "text": ...,
    "sections": ...}`, and each entity also names the model (`"model"`).

    # Parameters

    bundle : `str`
        The model's folder (`model.pt`, `tagger.json`, optionally `card.json`).
    name : `str`, optional
        The model's name in results (default: the folder's name).
    precision, device : `str`, optional (default = `"float32"`, `"cpu"`)
        `StandaloneTagger`'s: `"int8"` quantizes the LSTMs and projection at load; `"cuda"`.
    """

    def __init__(
        self,
        bundle: str,
        name: Optional[str] = None,
        precision: str = "float32",
        device: str = "cpu",
    ) -> None:
        self.name = name or os.path.basename(os.path.normpath(bundle))
        self._tagger = StandaloneTagger(bundle, precision, device)
        card_path = os.path.join(bundle, CARD_FILE)
        self.card: Dict[str, Any] = {}
        if os.path.isfile(card_path):
            with open(card_path, encoding="utf-8") as card_file:
                self.card = json.load(card_file)

    @property
    def labels(self) -> List[str]:
        """The entity types the model tags."""
        return self._tagger.labels

    def tag(self, documents: Sequence[Document]) -> List[Dict[str, Any]]:
        """One result per document: `id`, `sentences` and `entities` (character offsets into the
        document's text), all documents' sentences tagged in length batches together."""
        sentences: List[List[List[OffsetToken]]] = [
            offset_sentences(document.text, self._tagger.scheme, document.sections)
            for document in documents
        ]
        tagged = iter(
            self._tagger.tag(
                [
                    [word for word, _, _ in sentence]
                    for document in sentences
                    for sentence in document
                ]
            )
        )
        results = []
        for document, document_sentences in zip(documents, sentences):
            result = tagged_document(
                {"id": document.id, "text": document.text},
                document_sentences,
                [next(tagged) for _ in document_sentences],
            )
            for entity in result["entities"]:
                entity["model"] = self.name
            results.append(result)
        return results

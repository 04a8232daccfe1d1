from bilm_tagging.formats.errors import DataFormatError
from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer
from bilm_transfer.data.capped_characters_indexer import CappedCharactersIndexer
from bilm_transfer.data.number_normalizing_indexer import NumberNormalizingIndexer
from bilm_transfer.data.word_vectors_vocabulary import WordVectorsVocabulary

__all__ = [
    "BiomedicalTokenizer",
    "CappedCharactersIndexer",
    "DataFormatError",
    "NumberNormalizingIndexer",
    "WordVectorsVocabulary",
]

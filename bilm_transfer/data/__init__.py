from bilm_transfer.data.biomedical_tokenizer import BiomedicalTokenizer
from bilm_transfer.data.capped_characters_indexer import CappedCharactersIndexer
from bilm_transfer.data.errors import DataFormatError
from bilm_transfer.data.number_normalizing_indexer import NumberNormalizingIndexer

__all__ = [
    "BiomedicalTokenizer",
    "CappedCharactersIndexer",
    "DataFormatError",
    "NumberNormalizingIndexer",
]

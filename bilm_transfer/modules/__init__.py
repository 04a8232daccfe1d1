from bilm_transfer.modules.bilm_lstm import BiLmLstm
from bilm_transfer.modules.crf import BatchedCrf
from bilm_transfer.modules.fast_dropout import FastDropout
from bilm_transfer.modules.multi_width_cnn import MultiWidthCnnEncoder
from bilm_transfer.modules.unique_characters_encoder import UniqueCharactersEncoder
from bilm_transfer.modules.word2vec_embedding import Word2VecEmbedding

__all__ = [
    "BiLmLstm",
    "BatchedCrf",
    "FastDropout",
    "MultiWidthCnnEncoder",
    "UniqueCharactersEncoder",
    "Word2VecEmbedding",
]

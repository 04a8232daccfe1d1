from bilm_transfer.modules.bilm_lstm import BiLmLstm
from bilm_transfer.modules.crf import BatchedCrf
from bilm_transfer.modules.multi_width_cnn import MultiWidthCnnEncoder
from bilm_transfer.modules.word2vec_embedding import Word2VecEmbedding

__all__ = ["BiLmLstm", "BatchedCrf", "MultiWidthCnnEncoder", "Word2VecEmbedding"]

from bilm_transfer.modules.bilm_lstm import BiLmLstm
from bilm_transfer.modules.crf import BatchedCrf
from bilm_transfer.modules.multi_width_cnn import MultiWidthCnnEncoder

__all__ = ["BiLmLstm", "BatchedCrf", "MultiWidthCnnEncoder"]

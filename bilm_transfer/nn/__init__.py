from bilm_transfer.nn.bilm_transfer_initializer import BiLmTransferInitializer

__all__ = ["BiLmTransferInitializer"]

from bilm_transfer.commands.tag_documents import TagDocuments
from bilm_transfer.commands.train_word_vectors import TrainWordVectors

__all__ = ["TagDocuments", "TrainWordVectors"]

from bilm_transfer.commands.export_tagger import ExportTagger
from bilm_transfer.commands.ship_model import ShipModel
from bilm_transfer.commands.tag_documents import TagDocuments
from bilm_transfer.commands.train_word_vectors import TrainWordVectors

__all__ = ["ExportTagger", "ShipModel", "TagDocuments", "TrainWordVectors"]

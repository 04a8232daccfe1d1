from bilm_transfer.commands.tag_documents import TagDocuments

__all__ = ["TagDocuments"]

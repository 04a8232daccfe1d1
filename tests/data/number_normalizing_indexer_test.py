from allennlp.data import Token, Vocabulary

from bilm_serving.tokenization import NUMBER_TOKEN, normalize_word
from bilm_transfer.data.number_normalizing_indexer import NumberNormalizingIndexer


def test_numbers_share_one_entry_and_case_is_kept():
    assert [normalize_word(w) for w in ["42", "3.5", "1,000", "p53", "IL2", "Ab"]] == [
        NUMBER_TOKEN, NUMBER_TOKEN, NUMBER_TOKEN, "p53", "IL2", "Ab",
    ]  # fmt: skip
    vocab = Vocabulary()
    vocab.add_tokens_to_namespace([NUMBER_TOKEN, "Ab", "ab"], "tokens")
    indexer = NumberNormalizingIndexer(namespace="tokens")
    ids = indexer.tokens_to_indices([Token("17"), Token("2.5"), Token("Ab"), Token("ab")], vocab)
    number = vocab.get_token_index(NUMBER_TOKEN)
    assert ids["tokens"] == [
        number,
        number,
        vocab.get_token_index("Ab"),
        vocab.get_token_index("ab"),
    ]

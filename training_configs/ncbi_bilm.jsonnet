// Sachan et al. (2018): the bidirectional language model pretrained on the unlabeled sentences of
// NCBI-disease (train + devel), forward and backward LMs sharing one softmax over the words.
// Validation on devel, which is part of the LM's training text: it drives the learning-rate
// schedule and early stopping, it is not a held-out perplexity.
local arch = import 'common/architecture.libsonnet';
local ncbi = std.extVar('NCBI_DIR');

arch.random_seeds + {
  dataset_reader: { type: 'lm_sentences', token_indexers: arch.token_indexers },
  train_data_path: ncbi + '/train.tsv,' + ncbi + '/devel.tsv',
  validation_data_path: ncbi + '/devel.tsv',
  model: {
    type: 'bilm',
    text_field_embedder: arch.text_field_embedder,
    encoder: arch.encoder,
    initializer: { regexes: arch.paper_initializer },
  },
  data_loader: arch.data_loader(500),
  validation_data_loader: arch.data_loader(4000),
  trainer: arch.trainer(arch.num_epochs(20), '-perplexity'),
}

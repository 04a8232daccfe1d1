// Sachan et al. (2018), Table 3, "no pretraining": the CNN-BiLSTM-CRF tagger on NCBI-disease,
// randomly initialized. Trained on train, model selection on devel; test with `allennlp evaluate`.
local arch = import 'common/architecture.libsonnet';
local ncbi = std.extVar('NCBI_DIR');

arch.random_seeds + {
  dataset_reader: { type: 'iob_tagging', token_indexers: arch.token_indexers },
  train_data_path: ncbi + '/train.tsv',
  validation_data_path: ncbi + '/devel.tsv',
  datasets_for_vocab_creation: ['train'],
  model: {
    type: 'ner_tagger',
    text_field_embedder: arch.text_field_embedder,
    encoder: arch.encoder,
    use_crf: true,
    initializer: { regexes: arch.paper_initializer },
  },
  data_loader: arch.data_loader(1000),
  validation_data_loader: arch.data_loader(4000),
  trainer: arch.trainer(arch.num_epochs(50), '+f1-measure-overall'),
}

// Sachan et al. (2018), Table 3, BiLM pretraining: embeddings, character CNN, forward and backward LSTM
// copied from the BiLM archive (BILM_ARCHIVE; train it with ncbi_bilm.jsonnet), then fine-tuned.
local arch = import 'common/architecture.libsonnet';
local base = import 'ncbi_ner_no_pretraining.jsonnet';

base + {
  model+: {
    initializer: {
      regexes: arch.transfer_initializer(std.extVar('BILM_ARCHIVE'), 'both') + arch.paper_initializer,
    },
  },
}

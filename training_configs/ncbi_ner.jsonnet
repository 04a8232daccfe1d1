// Sachan et al. (2018), Table 3, BiLM pretraining: embeddings, character CNN, forward and backward LSTM
// copied from the BiLM archive (BILM_ARCHIVE; train it with ncbi_bilm.jsonnet), then fine-tuned.
local tasks = import 'common/tasks.libsonnet';

tasks.with_transfer(import 'ncbi_ner_no_pretraining.jsonnet', std.extVar('BILM_ARCHIVE'), 'both')

// Sachan et al. (2018), Table 3, "no pretraining": the CNN-BiLSTM-CRF tagger on NCBI-disease,
// randomly initialized. Trained on train, model selection on devel; test with `allennlp evaluate`.
local tasks = import 'common/tasks.libsonnet';
local ncbi = std.extVar('NCBI_DIR');

tasks.tagger(ncbi + '/train.tsv', ncbi + '/devel.tsv')

// Sachan et al. (2018): the bidirectional language model pretrained on the unlabeled sentences of
// NCBI-disease (train + devel), forward and backward LMs sharing one softmax over the words.
local tasks = import 'common/tasks.libsonnet';
local ncbi = std.extVar('NCBI_DIR');

tasks.bilm(ncbi + '/train.tsv,' + ncbi + '/devel.tsv', ncbi + '/devel.tsv')

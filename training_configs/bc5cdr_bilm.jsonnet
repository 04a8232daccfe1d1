// Sachan et al. (2018): the BiLM pretrained on the unlabeled train + devel sentences of BC5CDR (BioCreative V CDR: Chemical and Disease).
local tasks = import 'common/tasks.libsonnet';
local dir = std.extVar('BC5CDR_DIR');

tasks.bilm(dir + '/train.tsv,' + dir + '/devel.tsv', dir + '/devel.tsv')

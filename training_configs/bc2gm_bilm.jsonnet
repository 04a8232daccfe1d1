// Sachan et al. (2018): the BiLM pretrained on the unlabeled train + devel sentences of BC2GM (BioCreative II gene mention).
local tasks = import 'common/tasks.libsonnet';
local dir = std.extVar('BC2GM_DIR');

tasks.bilm(dir + '/train.tsv,' + dir + '/devel.tsv', dir + '/devel.tsv')

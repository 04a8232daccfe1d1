// Sachan et al. (2018): the CNN-BiLSTM-CRF tagger on BC2GM (BioCreative II gene mention), randomly initialized.
local tasks = import 'common/tasks.libsonnet';
local dir = std.extVar('BC2GM_DIR');

tasks.tagger(dir + '/train.tsv', dir + '/devel.tsv')

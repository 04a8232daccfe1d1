// Sachan et al. (2018): the CNN-BiLSTM-CRF tagger on BC5CDR (BioCreative V CDR: Chemical and Disease), randomly initialized.
local tasks = import 'common/tasks.libsonnet';
local dir = std.extVar('BC5CDR_DIR');

tasks.tagger(dir + '/train.tsv', dir + '/devel.tsv')

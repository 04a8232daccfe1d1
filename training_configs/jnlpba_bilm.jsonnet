// Sachan et al. (2018): the BiLM pretrained on JNLPBA's unlabeled training + devel text: the 2,000
// training abstracts as raw text (their devel abstracts among them), split into sentences and
// tokenized the GENIA way.
local tasks = import 'common/tasks.libsonnet';

tasks.bilm(std.extVar('JNLPBA_STANDOFF_DIR'), std.extVar('JNLPBA_DIR') + '/devel.tsv', 'genia')

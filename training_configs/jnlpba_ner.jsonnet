// Sachan et al. (2018): the tagger on JNLPBA with BiLM transfer
// (JNLPBA_BILM_ARCHIVE; train it with jnlpba_bilm.jsonnet).
local tasks = import 'common/tasks.libsonnet';

tasks.with_transfer(import 'jnlpba_ner_no_pretraining.jsonnet', std.extVar('JNLPBA_BILM_ARCHIVE'))

// Sachan et al. (2018): the tagger on BC5CDR (BioCreative V CDR: Chemical and Disease) with BiLM transfer
// (BC5CDR_BILM_ARCHIVE; train it with bc5cdr_bilm.jsonnet).
local tasks = import 'common/tasks.libsonnet';

tasks.with_transfer(import 'bc5cdr_ner_no_pretraining.jsonnet', std.extVar('BC5CDR_BILM_ARCHIVE'))

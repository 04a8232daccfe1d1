// Sachan et al. (2018): the tagger on BC2GM (BioCreative II gene mention) with BiLM transfer
// (BC2GM_BILM_ARCHIVE; train it with bc2gm_bilm.jsonnet).
local tasks = import 'common/tasks.libsonnet';

tasks.with_transfer(import 'bc2gm_ner_no_pretraining.jsonnet', std.extVar('BC2GM_BILM_ARCHIVE'))

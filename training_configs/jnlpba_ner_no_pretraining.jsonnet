// Sachan et al. (2018): the tagger on JNLPBA (protein, DNA, RNA, cell_type, cell_line), randomly
// initialized. JNLPBA's token-level training file is not available: training reads the brat
// abstracts, tokenized the GENIA way, leaving out the 200 that are the devel set
// (data/jnlpba/devel_abstracts.txt, from scripts/jnlpba_devel_abstracts.py); devel and test are
// the IOB files.
local tasks = import 'common/tasks.libsonnet';

tasks.tagger(
  std.extVar('JNLPBA_STANDOFF_DIR'),
  std.extVar('JNLPBA_DIR') + '/devel.tsv',
  scheme='genia',
  train_reader={ type: 'brat', exclude_documents: 'data/jnlpba/devel_abstracts.txt' },
)

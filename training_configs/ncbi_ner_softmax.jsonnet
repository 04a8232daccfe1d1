// Sachan et al. (2018): the CNN-BiLSTM tagger with a word-level softmax instead of the CRF, with
// BiLM transfer (compare ncbi_ner.jsonnet).
local ner = import 'ncbi_ner.jsonnet';

ner + { model+: { use_crf: false } }

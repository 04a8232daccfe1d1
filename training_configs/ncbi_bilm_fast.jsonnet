// ncbi_bilm.jsonnet trained for speed on a CPU: sampled softmax (1,024 words), bfloat16 mixed
// precision, batches of about 2,000 words (`tasks.fast_bilm`). Same modules and parameter names,
// so every ncbi_ner*.jsonnet transfers from its archive (BILM_ARCHIVE) as from the paper's.
local tasks = import 'common/tasks.libsonnet';

(import 'ncbi_bilm.jsonnet') + tasks.fast_bilm

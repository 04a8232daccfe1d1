// jnlpba_bilm.jsonnet trained for speed on a CPU (`tasks.fast_bilm`: sampled softmax, bfloat16,
// 2,000-word batches, learning rate 0.004); same parameters, so jnlpba_ner.jsonnet transfers from it.
local tasks = import 'common/tasks.libsonnet';

(import 'jnlpba_bilm.jsonnet') + tasks.fast_bilm

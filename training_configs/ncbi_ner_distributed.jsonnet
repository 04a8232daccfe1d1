// The BiLM-transfer tagger of ncbi_ner.jsonnet trained with AllenNLP's distributed training
// (PyTorch DDP): one worker per entry of `cuda_devices` (-1: a CPU worker). The span F1 sums its
// counts across workers, so the metrics equal a single worker's on the same predictions.
local ner = import 'ncbi_ner.jsonnet';
local cuda = std.parseInt(std.extVar('CUDA_DEVICE'));

ner + {
  distributed: { cuda_devices: if cuda < 0 then [-1, -1] else [cuda, cuda + 1] },
  trainer+: { cuda_device:: null },
}

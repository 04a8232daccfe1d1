"""
What each BiLM speed lever gives alone: training tokens/s of the paper's BiLM
(`ncbi_bilm.jsonnet`) on NCBI-disease train+devel with a sampled softmax, bfloat16 and larger
batches, one combination per fresh process. Prints a Markdown table (docs/benchmarks.md);
`--profile` prints torch.profiler's top operators of the paper config instead.

    .venv/bin/python benchmarks/bilm_levers.py [--tokens 20000] [--profile]
"""

import argparse
import json
import os
import subprocess
import sys

import speed  # noqa: E402  (the benchmark's data setup, so both time the same batches)

# (softmax samples, 0: full), words a batch, bfloat16
LEVERS = [(0, 500, False), (0, 500, True), (1024, 500, False), (1024, 500, True),
          (0, 2000, True), (1024, 1000, True), (1024, 2000, True)]  # fmt: skip


def worker(samples: int, max_tokens: int, bfloat16: bool, num_tokens: int, profile: bool):
    import torch

    params, vocab, batches = speed.bilm_setup("ncbi_bilm.jsonnet", str(samples or ""), max_tokens)
    params["model"]["bfloat16"] = bfloat16
    model = speed.our_model(params, vocab)
    profiler = torch.profiler.profile() if profile else None
    result = speed.lm_training_rate(model, batches, num_tokens, around=profiler)
    if profiler:
        table = profiler.key_averages().table(sort_by="self_cpu_time_total", row_limit=12)
        print(table, file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=20000, help="words timed per combination")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--worker", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        samples, max_tokens, bfloat16 = args.worker
        result = worker(samples, max_tokens, bool(bfloat16), args.tokens, args.profile)
        print(json.dumps(result))
        return
    levers = LEVERS[:1] if args.profile else LEVERS
    print("| softmax | batch (words) | precision | tokens/s | 20 epochs of training |")
    print("|---|---|---|---|---|")
    for samples, max_tokens, bfloat16 in levers:
        command = [sys.executable, __file__, "--tokens", str(args.tokens),
                   "--worker", str(samples), str(max_tokens), str(int(bfloat16))]  # fmt: skip
        if args.profile:
            command.append("--profile")
        done = subprocess.run(command, capture_output=True, text=True, env=dict(
            os.environ, PYTHONWARNINGS="ignore"))  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-3000:])
        if args.profile:
            print(done.stderr[done.stderr.find("-----") :], file=sys.stderr)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        softmax = f"sampled {samples:,}" if samples else "full"
        print(f"| {softmax} | {max_tokens:,} | {'bfloat16' if bfloat16 else 'float32'} "
              f"| {result['tokens_per_s']:,.0f} | {result['minutes_20']:.1f} min |")  # fmt: skip


if __name__ == "__main__":
    main()

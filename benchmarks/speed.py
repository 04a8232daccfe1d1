"""
Speed of our tagger against allennlp-models' `crf_tagger` at identical size, measured side by
side on the same batches of NCBI-disease, and of our BiLM pretraining. Prints a Markdown table.

    .venv/bin/python benchmarks/speed.py [--rounds 3] [--train-batches 20] [--stream 100000]
    .venv/bin/python benchmarks/speed.py --sections bilm     # BiLM pretraining only

Both taggers: word embeddings 300, character embeddings 50, character CNN widths 1..7 (ours:
min(200, 50 w) filters, 1,100 in all; `crf_tagger`'s `cnn` has one count for every width: 157,
1,099 in all), BiLSTM 256 per direction, constrained CRF; untrained weights (speed does not
depend on them). Every measurement runs in a fresh process (peak memory is per process); the
two models alternate, `--rounds` times, and the median is reported.
"""

import argparse
import contextlib
import copy
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any, Dict, List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "ncbi_disease")
PAPER_FILTERS = [(w, min(200, 50 * w)) for w in range(1, 8)]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------------------------------------
# Workers: each runs in its own process and prints one JSON line.


def setup(max_tokens: int, path: str, lm_config: str = ""):
    """Our reader's instances of `path`, a vocabulary of the training data and fixed batches;
    the tagger's config, or `lm_config`'s (a BiLM config) when given. `max_tokens` words a
    batch; 0: the config's training batch size."""
    import torch
    from allennlp.common import Params
    from allennlp.data import DatasetReader, Vocabulary
    from allennlp.data.data_loaders import MultiProcessDataLoader
    from allennlp.data.samplers import MaxTokensBatchSampler

    import bilm_transfer  # noqa: F401  (registers our components)

    random.seed(13)
    torch.manual_seed(13)
    config = lm_config or "ncbi_ner_no_pretraining.jsonnet"
    params = Params.from_file(os.path.join(ROOT, "training_configs", config))
    reader = DatasetReader.from_params(params.pop("dataset_reader"))
    devel = "," + os.path.join(DATA, "devel.tsv")
    train = os.path.join(DATA, "train.tsv") + (devel if lm_config else "")
    vocab = Vocabulary.from_instances(reader.read(train))
    max_tokens = max_tokens or params["data_loader"]["batch_sampler"]["max_tokens"]
    sampler = MaxTokensBatchSampler(max_tokens, sorting_keys=["tokens"])
    loader = MultiProcessDataLoader(reader, path, batch_sampler=sampler)
    loader.index_with(vocab)
    return params, vocab, list(loader), reader


def our_model(params, vocab):
    from allennlp.models import Model

    return Model.from_params(vocab=vocab, params=params.pop("model"))


PER_WIDTH = sum(count for _, count in PAPER_FILTERS) // len(PAPER_FILTERS)  # 157

# allennlp-models' `crf_tagger` at our size.
THEIR_MODEL = {
    "type": "crf_tagger",
    "label_encoding": "BIOUL",
    "constrain_crf_decoding": True,
    "calculate_span_f1": True,
    "dropout": 0.5,
    "text_field_embedder": {
        "token_embedders": {
            "tokens": {"type": "embedding", "embedding_dim": 300},
            "token_characters": {
                "type": "character_encoding",
                "embedding": {"embedding_dim": 50, "vocab_namespace": "token_characters"},
                "encoder": {
                    "type": "cnn",
                    "embedding_dim": 50,
                    "num_filters": PER_WIDTH,
                    "ngram_filter_sizes": list(range(1, 8)),
                },
            },
        }
    },
    "encoder": {
        "type": "lstm",
        "input_size": 300 + 7 * PER_WIDTH,
        "hidden_size": 256,
        "bidirectional": True,
    },
}


def their_tagger(vocab):
    """`THEIR_MODEL`; our IOBES labels renamed to its BIOUL (same ids)."""
    import allennlp_models.tagging  # noqa: F401  (registers crf_tagger)
    from allennlp.common import Params
    from allennlp.models import Model

    from bilm_serving.tag_schemes import iobes_as_bioul

    vocab = copy.deepcopy(vocab)
    labels = vocab.get_index_to_token_vocabulary("labels")
    renamed = iobes_as_bioul(labels)
    vocab._index_to_token["labels"] = renamed
    vocab._token_to_index["labels"] = {t: i for i, t in renamed.items()}
    return Model.from_params(vocab=vocab, params=Params(copy.deepcopy(THEIR_MODEL)))


def train_worker(model_name: str, num_batches: int) -> Dict[str, Any]:
    import torch

    params, vocab, batches, _ = setup(1000, os.path.join(DATA, "train.tsv"))
    model = our_model(params, vocab) if model_name == "ours" else their_tagger(vocab)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    model.train()
    batches = batches[: num_batches + 3]

    def step(batch):
        optimizer.zero_grad()
        model(**batch)["loss"].backward()
        optimizer.step()

    for batch in batches[:3]:  # warm-up
        step(batch)
    before = rss_mb()
    tokens = sum(int((b["tokens"]["tokens"]["tokens"] > 0).sum()) for b in batches[3:])
    start = time.perf_counter()
    for batch in batches[3:]:
        step(batch)
    seconds = time.perf_counter() - start
    return {"tokens_per_s": tokens / seconds, "peak_mb": peak_mb() - before}


def predict_worker(model_name: str) -> Dict[str, Any]:
    import torch

    params, vocab, batches, _ = setup(4000, os.path.join(DATA, "test.tsv"))
    if model_name == "standalone":
        from bilm_serving import StandaloneTagger
        from bilm_transfer.commands.export_tagger import write_bundle

        model = our_model(copy.deepcopy(params), vocab).eval()
        bundle = tempfile.mkdtemp()
        write_bundle(model, params.as_dict(quiet=True), bundle)
        tagger = StandaloneTagger(bundle)
        sentences = [words for b in batches for words in (m["words"] for m in b["metadata"])]
        before = rss_mb()
        start = time.perf_counter()
        tagger.tag(sentences)
        seconds = time.perf_counter() - start
        return {"sentences_per_s": len(sentences) / seconds, "peak_mb": peak_mb() - before}
    model = our_model(params, vocab) if model_name == "ours" else their_tagger(vocab)
    model.eval()
    for batch in batches:
        batch.pop("tags", None)
    before = rss_mb()
    sentences = sum(len(b["metadata"]) for b in batches)
    start = time.perf_counter()
    with torch.inference_mode():
        for batch in batches:
            model.make_output_human_readable(model(**batch))
    seconds = time.perf_counter() - start
    return {"sentences_per_s": sentences / seconds, "peak_mb": peak_mb() - before}


def lm_training_rate(model, batches: List[Dict], num_tokens: int, around=None) -> Dict[str, Any]:
    """Tokens/s of BiLM training steps (Adam) over about `num_tokens` words of `batches`,
    shuffled, after 3 warm-up batches, and the estimated minutes for 20 epochs of all `batches`.
    `around`: a context manager for the timed steps only (a profiler)."""
    import torch

    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    model.train()

    def words(batch) -> int:
        return int((batch["tokens"]["tokens"]["tokens"] > 0).sum())

    total_tokens = sum(words(b) for b in batches)
    random.shuffle(batches)
    for batch in batches[:3]:
        model(**batch)["loss"].backward()
    timed, tokens = [], 0
    for batch in batches[3:]:
        if tokens >= num_tokens:
            break
        timed.append(batch)
        tokens += words(batch)
    with around or contextlib.nullcontext():
        start = time.perf_counter()
        for batch in timed:
            optimizer.zero_grad()
            model(**batch)["loss"].backward()
            optimizer.step()
        rate = tokens / (time.perf_counter() - start)
    return {
        "tokens_per_s": rate,
        "epoch_tokens": total_tokens,
        "minutes_20": 20 * total_tokens / rate / 60,
    }


def bilm_setup(config: str, samples: str, max_tokens: int = 0):
    """`setup` of the BiLM `config` on NCBI-disease train+devel, the LM's text; `samples`: a
    `BILM_SOFTMAX_SAMPLES` value ("": the config's softmax)."""
    os.environ["BILM_SOFTMAX_SAMPLES"] = samples
    lm_text = os.path.join(DATA, "train.tsv") + "," + os.path.join(DATA, "devel.tsv")
    params, vocab, batches, _ = setup(max_tokens, lm_text, lm_config=config)
    return params, vocab, batches


def bilm_worker(config: str, num_tokens: int, samples: str) -> Dict[str, Any]:
    """BiLM training tokens/s of `config` (its batch size, softmax and precision) over about
    `num_tokens` words; `samples` as in `bilm_setup`."""
    params, vocab, batches = bilm_setup(config, samples)
    return lm_training_rate(our_model(params, vocab), batches, num_tokens)


def stream_worker(num_sentences: int) -> Dict[str, Any]:
    """RSS while `allennlp predict`'s code path (our predictor, 64 lines a batch) tags
    `num_sentences` sentences: memory must not grow with the stream."""
    from allennlp.predictors import Predictor

    params, vocab, batches, reader = setup(4000, os.path.join(DATA, "test.tsv"))
    model = our_model(params, vocab).eval()
    predictor = Predictor.by_name("ner_tagger")(model, reader)
    sentences = [m["words"] for b in batches for m in b["metadata"]]
    rss = {}
    done = 0
    start = time.perf_counter()
    while done < num_sentences:
        chunk = [{"tokens": sentences[(done + i) % len(sentences)]} for i in range(64)]
        predictor.predict_batch_json(chunk)
        done += len(chunk)
        if done % 10240 < 64 or done >= num_sentences:
            rss[done] = rss_mb()
    marks = sorted(rss)
    return {
        "sentences": done,
        "sentences_per_s": done / (time.perf_counter() - start),
        "rss_first_mb": rss[marks[0]],
        "rss_last_mb": rss[marks[-1]],
        "first": marks[0],
        "rss_mb": {str(mark): round(rss[mark]) for mark in marks},
    }


def archive_worker(directory: str) -> Dict[str, Any]:
    """Untrained archives of both taggers, and our exported bundle, for the start-up timings."""
    import torch
    from allennlp.common import Params
    from allennlp.models.archival import archive_model

    from bilm_transfer.commands.export_tagger import write_bundle

    params, vocab, _, _ = setup(4000, os.path.join(DATA, "test.tsv"))
    # The whole config (`setup` popped the reader), as `allennlp train` would archive it.
    config_file = os.path.join(ROOT, "training_configs", "ncbi_ner_no_pretraining.jsonnet")
    config = Params.from_file(config_file).as_dict(quiet=True)
    their_config = {
        "dataset_reader": {
            "type": "sequence_tagging",
            "token_indexers": {
                "tokens": {"type": "single_id"},
                "token_characters": {"type": "characters", "min_padding_length": 7},
            },
        },
        "model": THEIR_MODEL,
    }
    for name, model in [
        ("ours", our_model(copy.deepcopy(params), vocab)),
        ("theirs", their_tagger(vocab)),
    ]:
        serialization = os.path.join(directory, name)
        os.makedirs(serialization)
        model.vocab.save_to_files(os.path.join(serialization, "vocabulary"))
        torch.save(model.state_dict(), os.path.join(serialization, "best.th"))
        with open(os.path.join(serialization, "config.json"), "w") as config_file:
            json.dump(config if name == "ours" else their_config, config_file)
        archive_model(serialization)
        if name == "ours":
            write_bundle(model.eval(), config, os.path.join(directory, "bundle"))
    return {"directory": directory}


# ---------------------------------------------------------------------------------------------
# The orchestrator.


def run_worker(*args: str) -> Dict[str, Any]:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    completed = subprocess.run(
        [sys.executable, __file__, "--worker", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"worker {args} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def startup_seconds(command: List[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--train-batches", type=int, default=20)
    parser.add_argument("--bilm-tokens", type=int, default=20000, help="words per BiLM timing")
    parser.add_argument("--stream", type=int, default=100000, help="0: skip the streaming test")
    parser.add_argument(
        "--sections",
        nargs="+",
        choices=("tagger", "bilm", "stream"),
        default=["tagger", "bilm", "stream"],
        help="what to measure (default: all)",
    )
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, *rest = args.worker
        workers = {
            "train": lambda: train_worker(rest[0], int(rest[1])),
            "predict": lambda: predict_worker(rest[0]),
            "bilm": lambda: bilm_worker(rest[0], int(rest[1]), rest[2] if len(rest) > 2 else ""),
            "stream": lambda: stream_worker(int(rest[0])),
            "archive": lambda: archive_worker(rest[0]),
        }
        print(json.dumps(workers[kind]()))
        return

    sections = {"tagger": tagger_tables, "bilm": bilm_table, "stream": stream_report}
    for name in args.sections:
        if name == "stream" and not args.stream:
            continue
        sections[name](args)
        print()


def tagger_tables(args: argparse.Namespace) -> None:
    """Training and prediction, ours against `crf_tagger`, and the CLI start-up times."""
    results: Dict[str, List[Dict[str, Any]]] = {}
    for round_number in range(args.rounds):
        for key, worker in [
            ("train ours", ("train", "ours", str(args.train_batches))),
            ("train theirs", ("train", "theirs", str(args.train_batches))),
            ("predict ours", ("predict", "ours")),
            ("predict theirs", ("predict", "theirs")),
            ("predict standalone", ("predict", "standalone")),
        ]:
            results.setdefault(key, []).append(run_worker(*worker))
            print(f"round {round_number + 1}: {key}: {results[key][-1]}", file=sys.stderr)

    def median(key: str, field: str) -> float:
        return statistics.median(result[field] for result in results[key])

    def row(name: str, ours: float, theirs: float, unit: str, digits: int = 0) -> str:
        values = f"{ours:,.{digits}f} {unit} | {theirs:,.{digits}f} {unit}"
        return f"| {name} | {values} | {ours / theirs:.2f} |"

    print("| measure | ours | crf_tagger | ours / theirs |\n|---|---|---|---|")
    print(
        row(
            "training, tokens/s",
            median("train ours", "tokens_per_s"),
            median("train theirs", "tokens_per_s"),
            "tok/s",
        )
    )
    print(
        row(
            "training, peak memory above start",
            median("train ours", "peak_mb"),
            median("train theirs", "peak_mb"),
            "MB",
        )
    )
    print(
        row(
            "prediction (batched, test set), sentences/s",
            median("predict ours", "sentences_per_s"),
            median("predict theirs", "sentences_per_s"),
            "sent/s",
        )
    )
    print(
        row(
            "prediction, standalone TorchScript, sentences/s",
            median("predict standalone", "sentences_per_s"),
            median("predict theirs", "sentences_per_s"),
            "sent/s",
        )
    )
    print(
        row(
            "prediction, peak memory above start",
            median("predict ours", "peak_mb"),
            median("predict theirs", "peak_mb"),
            "MB",
        )
    )

    directory = run_worker("archive", tempfile.mkdtemp())["directory"]
    sentence = os.path.join(directory, "one.jsonl")
    with open(sentence, "w") as one:
        one.write(json.dumps({"sentence": "Familial breast cancer"}) + "\n")
    allennlp = os.path.join(os.path.dirname(sys.executable), "allennlp")
    predict = [allennlp, "predict", "--silent", "--output-file", os.devnull]
    commands = {
        "ours": predict
        + [
            f"{directory}/ours/model.tar.gz",
            sentence,
            "--predictor",
            "ner_tagger",
            "--include-package",
            "bilm_transfer",
        ],
        "theirs": predict
        + [
            f"{directory}/theirs/model.tar.gz",
            sentence,
            "--predictor",
            "sentence_tagger",
            "--predictor-args",
            '{"language": "blank:en"}',
        ],
        "standalone": [sys.executable, "-m", "bilm_serving", f"{directory}/bundle", sentence],
    }
    startup = {
        name: statistics.median(startup_seconds(command) for _ in range(args.rounds))
        for name, command in commands.items()
    }
    print(
        row(
            "CLI: `allennlp predict` of one sentence, wall time",
            startup["ours"],
            startup["theirs"],
            "s",
            1,
        )
    )
    print(
        row(
            "CLI: standalone `python -m bilm_serving`, wall time",
            startup["standalone"],
            startup["theirs"],
            "s",
            1,
        )
    )


def bilm_table(args: argparse.Namespace) -> None:
    """BiLM pretraining speed of the paper's config, with a sampled softmax, and the fast config."""
    print("| BiLM pretraining on NCBI-disease train+devel | tokens/s | 20 epochs of training |")
    print("|---|---|---|")
    for name, config, samples in [
        ("full softmax (the paper), `ncbi_bilm.jsonnet`", "ncbi_bilm.jsonnet", ""),
        ("sampled softmax, 1024 samples", "ncbi_bilm.jsonnet", "1024"),
        ("`ncbi_bilm_fast.jsonnet` (sampled, bfloat16, 2,000-word batches)",
         "ncbi_bilm_fast.jsonnet", ""),
    ]:  # fmt: skip
        bilm = run_worker("bilm", config, str(args.bilm_tokens), samples)
        print(f"| {name} | {bilm['tokens_per_s']:,.0f} | {bilm['minutes_20']:.1f} min |")
    print(f"\n({bilm['epoch_tokens']:,} tokens an epoch.)")


def stream_report(args: argparse.Namespace) -> None:
    """Resident memory while the predictor tags `--stream` sentences."""
    stream = run_worker("stream", str(args.stream))
    print(
        f"Streaming {stream['sentences']:,} sentences through the predictor "
        f"({stream['sentences_per_s']:,.0f} sentences/s): RSS {stream['rss_first_mb']:,.0f} MB "
        f"after {stream['first']:,}, {stream['rss_last_mb']:,.0f} MB at the end."
    )
    series = ", ".join(f"{int(n):,}: {mb:,}" for n, mb in stream["rss_mb"].items())
    print(f"RSS (MB) after each 10,240 sentences: {series}.")


if __name__ == "__main__":
    main()

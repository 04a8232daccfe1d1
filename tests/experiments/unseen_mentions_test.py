import subprocess
import sys

from bilm_transfer.formats.columns import read_column_file
from experiments import unseen_mentions
from tests.conftest import ROOT
from tests.experiments.kept_runs import write_finished_run

TRAIN = "Familial\tB-Disease\nataxia\tI-Disease\nis\tO\nrare\tO\n.\tO\n"
DEVEL = "Breast\tB-Disease\ncancer\tI-Disease\nin\tO\nmen\tO\n.\tO\n"
# Sentence 0: a seen mention (other case), an unseen one of seen words; sentence 1: a new word.
TEST = (
    "familial\tB-Disease\nATAXIA\tI-Disease\nand\tO\nBreast\tB-Disease\nataxia\tI-Disease\n.\tO\n"
    "\n"
    "Gliomas\tB-Disease\nin\tO\nmen\tO\n.\tO\n"
)
SEEN = (0, "Disease", 0, 2)
ALL_WORDS_SEEN = (0, "Disease", 3, 5)
NEW_WORD = (1, "Disease", 0, 1)


def write_corpus(folder):
    for name, text in (("train", TRAIN), ("devel", DEVEL), ("test", TEST)):
        (folder / f"{name}.tsv").write_text(text)
    return folder / "test.tsv"


def test_mentions_are_classed_against_the_training_words_and_entities(tmp_path):
    test = write_corpus(tmp_path)
    sentences = list(read_column_file(test))
    classes = unseen_mentions.mention_classes(
        sentences, [str(tmp_path / "train.tsv"), str(tmp_path / "devel.tsv")]
    )
    assert classes == {
        SEEN: "seen mention",
        ALL_WORDS_SEEN: "unseen, all words seen",
        NEW_WORD: "unseen, a new word",
    }
    classes = unseen_mentions.mention_classes(
        sentences, [str(tmp_path / "train.tsv"), str(tmp_path / "devel.tsv"), str(test)]
    )
    assert set(classes.values()) == {"seen mention"}

    counts = unseen_mentions.recall_counts(classes, {SEEN, (1, "Disease", 0, 2)})
    assert counts == {
        "seen mention": [1, 3],
        "unseen, all words seen": [0, 0],
        "unseen, a new word": [0, 0],
    }


def test_a_brat_folder_is_seen_as_the_taggers_read_it(tmp_path):
    # TRAIN as a brat document: "Familial ataxia" a mention, split by the genia tokenizer.
    folder = tmp_path / "standoff"
    folder.mkdir()
    (folder / "1.txt").write_text("Familial ataxia is rare.\n")
    (folder / "1.ann").write_text("T1\tDisease 0 15\tFamilial ataxia\n")
    test = write_corpus(tmp_path)
    sentences = list(read_column_file(test))
    from_brat = unseen_mentions.mention_classes(
        sentences, [str(folder), str(tmp_path / "devel.tsv")], "genia"
    )
    assert from_brat == unseen_mentions.mention_classes(
        sentences, [str(tmp_path / "train.tsv"), str(tmp_path / "devel.tsv")]
    )


def test_the_script_names_a_missing_seen_file(tmp_path):
    test = tmp_path / "test.tsv"
    test.write_text(TEST)  # no train.tsv beside it, as for JNLPBA
    command = [sys.executable, "-m", "experiments.unseen_mentions", "--test", str(test)]
    result = subprocess.run(
        command + [str(tmp_path)], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert result.returncode != 0
    assert f"--seen: no {tmp_path / 'train.tsv'}" in result.stderr


def test_the_script_sums_recall_by_class_over_each_variants_runs(tmp_path):
    test = write_corpus(tmp_path)
    sentences = [
        ["familial", "ATAXIA", "and", "Breast", "ataxia", "."],
        ["Gliomas", "in", "men", "."],
    ]

    def run(variant, seed, found):
        folder = tmp_path / variant / "fraction1" / f"seed{seed}"
        result = {"variant": variant, "fraction": 1.0, "seed": seed}
        return str(write_finished_run(folder, result, sentences, found))

    runs = [
        run("none", 1, [SEEN, ALL_WORDS_SEEN, NEW_WORD]),
        run("none", 2, [SEEN, NEW_WORD]),
        run("bilm", 1, [SEEN, (1, "Disease", 1, 2)]),
    ]
    command = [sys.executable, "-m", "experiments.unseen_mentions", "--test", str(test)]
    result = subprocess.run(command + runs, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    table = result.stdout.splitlines()
    assert table[0] == (
        "| variant | seeds | recall: seen mention (1) | recall: unseen, all words seen (1) "
        "| recall: unseen, a new word (1) | recall | precision |"
    )
    # No pretraining, 2 runs: seen 2 of 2, all words seen 1 of 2, new word 2 of 2; precision 5 of 5.
    assert table[2] == "| no pretraining | 1, 2 | 100.00 | 50.00 | 100.00 | 83.33 | 100.00 |"
    assert table[3] == "| BiLM pretraining | 1 | 100.00 | 0.00 | 0.00 | 33.33 | 50.00 |"

    # Against files that hold the test set itself, every mention is seen: the rest are empty.
    seen = ["--seen", str(tmp_path / "train.tsv"), str(test)]
    result = subprocess.run(
        command + runs[:1] + seen, capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (
        result.stdout.splitlines()[2]
        == "| no pretraining | 1 | 100.00 | n/a | n/a | 100.00 | 100.00 |"
    )

    # Runs of two roots: a row per root and variant, named by the root.
    other = tmp_path / "other"
    (other / "none" / "fraction1").mkdir(parents=True)
    (tmp_path / "none" / "fraction1" / "seed2").rename(other / "none" / "fraction1" / "seed2")
    runs[1] = str(other / "none" / "fraction1" / "seed2")
    result = subprocess.run(command + runs, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines()[2:] == [
        f"| no pretraining (`{tmp_path}`) | 1 | 100.00 | 100.00 | 100.00 | 100.00 | 100.00 |",
        f"| BiLM pretraining (`{tmp_path}`) | 1 | 100.00 | 0.00 | 0.00 | 33.33 | 50.00 |",
        f"| no pretraining (`{other}`) | 2 | 100.00 | 0.00 | 100.00 | 66.67 | 100.00 |",
    ]

    missing = subprocess.run(
        command + [str(tmp_path)], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert missing.returncode != 0
    assert "no result.json" in missing.stderr

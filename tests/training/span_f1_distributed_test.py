"""IobesSpanF1 across two processes (gloo): the counts add up to the single-process metric."""

import os

import torch.distributed as dist
import torch.multiprocessing as mp

from bilm_transfer.training import IobesSpanF1

GOLD = [["B-A", "E-A", "O", "S-B"], ["S-A", "O", "O"], ["O", "B-B", "E-B"], ["S-A"]]
PREDICTED = [["B-A", "E-A", "O", "S-A"], ["S-A", "O", "S-B"], ["O", "B-B", "I-B"], ["S-A"]]


def worker(rank: int, port: int, results) -> None:
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    dist.init_process_group("gloo", rank=rank, world_size=2)
    metric = IobesSpanF1(["A", "B"])
    metric(PREDICTED[rank::2], GOLD[rank::2])  # each worker sees half the sentences
    results[rank] = metric.get_metric(reset=True)
    dist.destroy_process_group()


def test_two_processes_sum_their_counts():
    single = IobesSpanF1(["A", "B"])
    single(PREDICTED, GOLD)
    expected = single.get_metric()
    halves = IobesSpanF1(["A", "B"])
    halves(PREDICTED[::2], GOLD[::2])
    assert halves.get_metric() != expected  # the halves alone score differently
    with mp.Manager() as manager:
        results = manager.dict()
        mp.spawn(worker, args=(29517, results), nprocs=2, join=True)
        assert results[0] == expected and results[1] == expected

"""A trainer callback that kills the process mid-epoch when CRASH_AT="epoch,batch" is set."""

import os

from allennlp.training.callbacks import TrainerCallback


@TrainerCallback.register("crash_for_test")
class CrashForTest(TrainerCallback):
    def on_batch(self, trainer, batch_inputs, batch_outputs, batch_metrics, epoch, batch_number,
                 is_training, is_primary=True, batch_grad_norm=None, **kwargs) -> None:  # fmt: skip
        crash_at = os.environ.get("CRASH_AT")
        if (
            is_training
            and crash_at
            and (epoch, batch_number) == tuple(map(int, crash_at.split(",")))
        ):
            os._exit(137)  # like `kill -9`: no clean-up, no final archive

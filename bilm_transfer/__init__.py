"""bilm_transfer: BiLM pretraining and weight transfer for biomedical NER (Sachan et al. 2018)."""

import warnings

from bilm_transfer.settings import apply_config_defaults

# Deprecation notices that dependencies print at import (google-api-core on Python 3.11,
# fairscale's torch.cuda.amp, TorchScript): nothing a user of bilm_transfer can act on.
warnings.filterwarnings("ignore", category=FutureWarning, module=r"(google|fairscale|torch\.jit)\.")
apply_config_defaults()

from bilm_transfer.commands import *  # noqa: E402,F401,F403
from bilm_transfer.data import *  # noqa: E402,F401,F403
from bilm_transfer.dataset_readers import *  # noqa: E402,F401,F403
from bilm_transfer.models import *  # noqa: E402,F401,F403
from bilm_transfer.modules import *  # noqa: E402,F401,F403
from bilm_transfer.nn import *  # noqa: E402,F401,F403
from bilm_transfer.predictors import *  # noqa: E402,F401,F403
from bilm_transfer.training import *  # noqa: E402,F401,F403

__version__ = "0.1.0"

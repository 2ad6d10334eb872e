"""numpy, imported at its first use rather than when the module that names it is imported.

The input–output computations need numpy; serving pages does not: they read the results stored
by ``recompute_industry``. Yet the models import ``definitions``, which imports ``io_algebra``,
and numpy alone adds about 20 MB to every web worker (issue #17: workers no heavier than
bakerydemo's). The modules of this package write ``from observatory.industry.lazy_numpy import
np`` and use ``np`` as usual; the import happens in the import worker or in the API call that
computes, never in a worker that only serves pages.
"""

from __future__ import annotations

import importlib
from typing import Any


class _DeferredNumpy:
    """Stands for the ``numpy`` module; each attribute is looked up on it, imported on the first one."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("numpy"), name)


np: Any = _DeferredNumpy()

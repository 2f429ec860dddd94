"""Rules, one per file, in family folders; importing a rule module registers it."""
from __future__ import annotations

import importlib
import pkgutil

_loaded = False


def load_all() -> None:
    """Import every rule module below this package once."""
    global _loaded
    if _loaded:
        return
    for info in pkgutil.walk_packages(__path__, prefix=__name__ + "."):
        if not info.name.endswith(".api"):
            importlib.import_module(info.name)
    _loaded = True

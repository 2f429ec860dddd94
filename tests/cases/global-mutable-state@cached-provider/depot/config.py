import functools
import os
from dataclasses import dataclass, field


@dataclass
class DepotConfig:
    pick_batch_size: int = 50
    dock_doors_open: set[str] = field(default_factory=set)
    maintenance: bool = False


@functools.cache
def depot_config() -> DepotConfig:
    return DepotConfig(pick_batch_size=int(os.environ.get("PICK_BATCH", "50")))


def fresh_config() -> DepotConfig:
    """A new object per call: changing it changes nobody else's."""
    return DepotConfig()

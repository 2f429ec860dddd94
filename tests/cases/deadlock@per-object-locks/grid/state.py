"""Per-zone state, each zone with its own two locks."""
import asyncio
from dataclasses import dataclass, field


@dataclass
class Zone:
    zone_id: int
    capacity: float
    demand: dict[int, float] = field(default_factory=dict)
    granted: dict[int, float] = field(default_factory=dict)
    plan_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    demand_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

import asyncio
from dataclasses import dataclass, field


@dataclass
class Shared:
    plan_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

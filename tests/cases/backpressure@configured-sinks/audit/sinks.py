"""Where audit records go."""
from __future__ import annotations

from functools import lru_cache

from audit.settings import audit_settings


class Sink:
    def __init__(self, name: str) -> None:
        self.name = name

    async def write(self, record: dict) -> None:
        ...


@lru_cache(maxsize=1)
def configured_sinks() -> tuple[Sink, ...]:
    names = audit_settings.sinks
    return tuple(Sink(name) for name in names)

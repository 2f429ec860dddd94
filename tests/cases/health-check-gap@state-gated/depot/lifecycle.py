"""Where this process is in its life: set by the lifespan, read by the readiness probe."""
from __future__ import annotations

_stage = "booting"


def mark(stage: str) -> None:
    global _stage
    _stage = stage


def stage() -> str:
    return _stage

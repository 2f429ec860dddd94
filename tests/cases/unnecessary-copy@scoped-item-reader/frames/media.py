"""Screenshot helpers: both take one frame's raw bytes."""
from __future__ import annotations


def signature(raw: bytes) -> int:
    return sum(raw[::64]) % 65_536


def trim(raw: bytearray) -> bytearray:
    del raw[:16]
    return raw

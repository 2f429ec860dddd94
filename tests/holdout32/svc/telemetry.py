"""Decoding and summarising client telemetry attached to cheat reports."""
from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

SNAP_DEGREES = 35.0


@dataclass(frozen=True)
class AimSummary:
    frames: int
    snaps: int
    max_turn_rate: float

    @property
    def snap_ratio(self) -> float:
        return self.snaps / self.frames if self.frames else 0.0


def decode_telemetry(blob: bytes) -> list[dict[str, Any]]:
    """Client uploads are zlib-compressed JSON: ``{"frames": [{"t": ..., "yaw": ..., "pitch": ...}]}``."""
    document = json.loads(zlib.decompress(blob))
    return document["frames"]


def _angle(a: dict[str, Any], b: dict[str, Any]) -> float:
    dyaw = (b["yaw"] - a["yaw"] + 180.0) % 360.0 - 180.0
    dpitch = b["pitch"] - a["pitch"]
    return math.hypot(dyaw, dpitch)


def summarize_aim(frames: list[dict[str, Any]]) -> AimSummary:
    snaps = 0
    max_rate = 0.0
    for prev, cur in pairwise(frames):
        dt = max(cur["t"] - prev["t"], 1e-3)
        turned = _angle(prev, cur)
        max_rate = max(max_rate, turned / dt)
        if turned >= SNAP_DEGREES:
            snaps += 1
    return AimSummary(frames=len(frames), snaps=snaps, max_turn_rate=max_rate)

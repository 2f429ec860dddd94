from __future__ import annotations

import hashlib
import math
from typing import Any


def _advance(state: dict[str, float], frame: dict[str, Any]) -> dict[str, float]:
    nxt = dict(state)
    for key, value in frame.get("deltas", {}).items():
        nxt[key] = nxt.get(key, 0.0) + float(value)
    return nxt


def replay_checksum(frames: list[dict[str, Any]]) -> str:
    """Re-simulate every frame and hash the resulting state sequence."""
    state: dict[str, float] = {}
    digest = hashlib.sha256()
    for frame in frames:
        state = _advance(state, frame)
        for key in sorted(state):
            digest.update(f"{key}={state[key]:.4f};".encode())
    return digest.hexdigest()


def snap_angles(samples: list[list[float]]) -> float:
    """Fraction of aim samples whose angular change is a near-instant snap onto another sample."""
    if len(samples) < 2:
        return 0.0
    snaps = 0
    for i, a in enumerate(samples):
        for b in samples[i + 1:]:
            if math.dist(a[:2], b[:2]) > 40 and abs(a[2] - b[2]) < 0.016:
                snaps += 1
    return snaps / (len(samples) * (len(samples) - 1) / 2)


def detect_aimbot(samples: list[list[float]], threshold: float = 0.12) -> bool:
    return snap_angles(samples) > threshold

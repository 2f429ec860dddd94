"""Files on the shared volume: purchase receipts and match replays."""

from __future__ import annotations

import json
import subprocess
import uuid
import zlib
from pathlib import Path
from typing import Any


def write_receipt(receipts_dir: str, purchase_id: uuid.UUID, payload: dict[str, Any]) -> Path:
    path = Path(receipts_dir) / f"{purchase_id}.json"
    path.write_text(json.dumps(payload, default=str, sort_keys=True))
    return path


def replay_path(replays_dir: str, match_id: str) -> Path:
    return Path(replays_dir) / f"{match_id}.replay"


def read_replay(replays_dir: str, match_id: str) -> bytes:
    with open(replay_path(replays_dir, match_id), "rb") as fh:
        return fh.read()


def decode_replay_frames(blob: bytes) -> list[dict[str, Any]]:
    return json.loads(zlib.decompress(blob))


def run_replay_analyzer(analyzer_bin: str, replay_file: Path) -> dict[str, Any]:
    result = subprocess.run(
        [analyzer_bin, "--format", "json", str(replay_file)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout)


def extract_features(frames: list[dict[str, Any]]) -> dict[str, float]:
    """Aim statistics used by the anti-cheat vendor; pure CPU, run in a process pool."""
    snaps = 0
    total_turn = 0.0
    previous_yaw: float | None = None
    for frame in frames:
        yaw = float(frame.get("yaw", 0.0))
        if previous_yaw is not None:
            delta = abs(yaw - previous_yaw)
            total_turn += delta
            if delta > 120.0 and frame.get("hit"):
                snaps += 1
        previous_yaw = yaw
    count = max(len(frames), 1)
    return {"snap_rate": snaps / count, "mean_turn": total_turn / count, "frames": float(len(frames))}

"""Usage pings from request handlers."""
from __future__ import annotations

import json
from pathlib import Path


def remember_first_run(marker: Path) -> None:
    try:
        marker.write_text(json.dumps({"seen": True}))
    except Exception:  # expect: swallowed-exception
        # best effort: the notice is shown again next time, nothing else depends on it
        pass


def forget_first_run(marker: Path) -> None:
    try:
        marker.write_text(json.dumps({"seen": False}))
    except Exception:  # expect: swallowed-exception
        pass

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def spool_path(root: str, project_id: int, filename: str) -> Path:
    safe = _UNSAFE.sub("_", Path(filename).name)[:120] or "upload"
    return Path(root) / str(project_id) / f"{int(time.time() * 1000)}-{safe}"


def write_spool(path: Path, data: bytes) -> None:
    """Atomic write: readers never see a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise

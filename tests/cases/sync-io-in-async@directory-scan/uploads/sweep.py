"""Housekeeping over the upload folder: a full scan each time, however many files were left."""
import os
import shutil
import time
from pathlib import Path

UPLOADS = Path(os.environ.get("UPLOAD_DIR", "/srv/uploads"))
MAX_AGE = 6 * 3600


def purge_stale() -> int:
    removed = 0
    for folder, _dirs, files in os.walk(UPLOADS):  # expect: sync-io-in-async
        for name in files:
            path = os.path.join(folder, name)
            if time.time() - os.path.getmtime(path) > MAX_AGE:
                os.remove(path)
                removed += 1
    return removed


def pending_names() -> list[str]:
    return sorted(p.name for p in UPLOADS.iterdir() if p.suffix == ".part")  # expect: sync-io-in-async


def manifest_names() -> list[str]:
    return sorted(p.name for p in UPLOADS.rglob("*.manifest"))


def drop(name: str) -> None:
    target = UPLOADS / name
    if target.exists():
        target.unlink()


def clear_staging(staging: Path) -> None:
    for child in staging.iterdir():
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)  # expect: sync-io-in-async
        else:
            child.unlink(missing_ok=True)

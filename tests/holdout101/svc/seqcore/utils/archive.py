from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path

ARCHIVE_ROOT = Path(os.environ.get("SEQCORE_ARCHIVE_ROOT", "/mnt/core-archive/samplesheets"))


def archive_path(lab_id: str, filename: str) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in filename)
    return ARCHIVE_ROOT / lab_id / f"{stamp}-{safe}"


def archive_upload(lab_id: str, filename: str, data: bytes) -> str:
    """Keep the original upload on the archive share for audit; returns its checksum."""
    dest = archive_path(lab_id, filename)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest, "wb") as fh:
        fh.write(data)
    return hashlib.sha256(data).hexdigest()

from __future__ import annotations

import os
from pathlib import Path


def receipt_path(base_dir: str, receipt_number: str) -> Path:
    # Shard by the last two digits so no single directory grows past a few thousand files.
    shard = receipt_number[-2:]
    return Path(base_dir) / shard / f"{receipt_number}.pdf"


def save_pdf(base_dir: str, receipt_number: str, data: bytes) -> str:
    target = receipt_path(base_dir, receipt_number)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return str(target)


def read_pdf(path: str) -> bytes:
    return Path(path).read_bytes()


def list_exports(exports_dir: str) -> list[str]:
    return sorted(p.name for p in Path(exports_dir).glob("giftaid-*.csv"))

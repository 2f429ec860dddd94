from __future__ import annotations

import hashlib
import os
from pathlib import Path


def asset_path(base_dir: str, org_id: str, filename: str) -> Path:
    safe = os.path.basename(filename)
    return Path(base_dir) / org_id / safe


def save_asset(base_dir: str, org_id: str, filename: str, data: bytes) -> str:
    path = asset_path(base_dir, org_id, filename)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return hashlib.sha256(data).hexdigest()[:16]


def write_report(report_dir: str, name: str, data: bytes) -> Path:
    path = Path(report_dir) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read_report(report_dir: str, name: str) -> bytes:
    root = Path(report_dir).resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise ValueError("report path escapes report directory")
    return path.read_bytes()

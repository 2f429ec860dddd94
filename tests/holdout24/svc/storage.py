"""Filesystem helpers for export archives (local volume, shipped to sponsors)."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import requests


def export_path(base_dir: str, study_code: str, job_id: int) -> Path:
    return Path(base_dir) / study_code / f"export-{job_id}.jsonl"


def write_export(path: Path, records: list[dict[str, Any]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, default=str))
            fh.write("\n")
            written += 1
    return written


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch_recipient_key(url: str, keyring_dir: Path) -> Path:
    resp = requests.get(url, timeout=10)
    resp.raise_for_status()
    target = keyring_dir / "recipient.asc"
    write_atomic(target, resp.content)
    return target


def encrypt_for_sponsor(path: Path, key_file: Path) -> Path:
    out = path.with_suffix(path.suffix + ".gpg")
    subprocess.run(
        ["gpg", "--batch", "--yes", "--recipient-file", str(key_file), "--output", str(out), "--encrypt", str(path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


def read_manifest(path: Path) -> dict[str, Any]:
    with path.open("r", encoding="utf-8") as fh:
        return json.load(fh)

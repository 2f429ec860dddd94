"""Local file storage for firmware artifacts and CSV exports."""
from __future__ import annotations

import csv
import hashlib
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from svc.config import settings
from svc.errors import NotFound, ValidationFailed


def artifact_path(version: str) -> Path:
    path = Path(settings.firmware_dir) / f"fleet-fw-{version}.bin"
    if not path.is_relative_to(settings.firmware_dir):
        raise ValidationFailed("invalid firmware version")
    return path


def read_artifact(version: str) -> bytes:
    path = artifact_path(version)
    return path.read_bytes()


def verify_signature(version: str) -> None:
    path = artifact_path(version)
    signature = path.with_suffix(".sig")
    result = subprocess.run(
        ["openssl", "dgst", "-sha256", "-verify", settings.signing_pubkey_path, "-signature", str(signature), str(path)],
        capture_output=True,
        timeout=30,
        check=False,
    )
    if result.returncode != 0:
        raise ValidationFailed(f"signature check failed for {version}")


def artifact_sha256(version: str) -> str:
    digest = hashlib.sha256()
    with artifact_path(version).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_changelog(version: str) -> str:
    path = artifact_path(version).with_suffix(".md")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise NotFound(f"no changelog for {version}") from exc


def write_csv_export(name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    target = Path(settings.export_dir) / name
    with target.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return target

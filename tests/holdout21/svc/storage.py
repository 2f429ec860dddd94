"""Local file storage for signed waivers and generated reports (mounted volume)."""
from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path


def _waiver_path(base_dir: str, member_id: int) -> Path:
    return Path(base_dir) / f"{member_id // 1000:04d}" / f"waiver-{member_id}.pdf"


def save_waiver(base_dir: str, member_id: int, content: bytes) -> str:
    path = _waiver_path(base_dir, member_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(content)
    os.replace(tmp, path)
    return hashlib.sha256(content).hexdigest()


def read_waiver(base_dir: str, member_id: int) -> bytes:
    return _waiver_path(base_dir, member_id).read_bytes()


def encrypt_report(path: str, recipient: str) -> str:
    out = f"{path}.gpg"
    subprocess.run(
        ["gpg", "--batch", "--yes", "--recipient", recipient, "--output", out, "--encrypt", path],
        check=True,
        timeout=120,
    )
    return out


def load_branding(base_dir: str, gym_id: int) -> dict[str, str]:
    path = Path(base_dir) / "branding" / f"{gym_id}.txt"
    if not path.exists():
        return {}
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {k.strip(): v.strip() for k, v in pairs}

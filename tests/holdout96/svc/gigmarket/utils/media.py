from __future__ import annotations

import io
import json
import os
from pathlib import Path
import shutil

from PIL import Image

from ..settings import get_settings


def spool_dir(batch_id: str) -> Path:
    path = Path(get_settings().local_spool_dir) / batch_id
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_manifest(directory: Path, manifest: dict) -> Path:
    target = directory / "manifest.json"
    with open(target, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh)
        fh.flush()
        os.fsync(fh.fileno())
    return target


def archive_batch_locally(batch_id: str, files: dict[str, bytes], manifest: dict) -> Path:
    directory = spool_dir(batch_id)
    for name, payload in files.items():
        (directory / name).write_bytes(payload)
    write_manifest(directory, manifest)
    archive = shutil.make_archive(str(directory), "zip", root_dir=directory)
    return Path(archive)


def read_template(name: str) -> str:
    return (Path(__file__).parent.parent / "templates" / name).read_text(encoding="utf-8")


THUMB_SIZE = (320, 200)


def build_thumbnail(raw: bytes) -> bytes:
    with Image.open(io.BytesIO(raw)) as img:
        img.thumbnail(THUMB_SIZE)
        out = io.BytesIO()
        img.convert("RGB").save(out, format="JPEG", quality=70)
        return out.getvalue()


def activity_signature(raw: bytes) -> int:
    """Average-hash of a screenshot, used to spot identical frames in a batch."""
    with Image.open(io.BytesIO(raw)) as img:
        small = img.convert("L").resize((64, 64))
        pixels = list(small.getdata())
    mean = sum(pixels) / len(pixels)
    bits = 0
    for value in pixels:
        bits = (bits << 1) | (1 if value > mean else 0)
    return bits


def hamming(a: int, b: int) -> int:
    return bin(a ^ b).count("1")

from __future__ import annotations

import io
import os
import subprocess
import tempfile

from PIL import Image

THUMB_PX = 240


def normalize_photo(raw: bytes, max_px: int, scratch_dir: str | None) -> bytes:
    """Strip metadata (GPS, device serials) and downscale an ID photo for storage."""
    path = _spool(raw, scratch_dir)
    try:
        _strip_metadata(path)
        return _downscale(path, max_px)
    finally:
        os.unlink(path)


def _spool(raw: bytes, scratch_dir: str | None) -> str:
    fd, path = tempfile.mkstemp(dir=scratch_dir, suffix=".jpg")
    with os.fdopen(fd, "wb") as fh:
        fh.write(raw)
    return path


def _strip_metadata(path: str) -> None:
    subprocess.run(
        ["exiftool", "-all=", "-overwrite_original", path],
        check=True,
        capture_output=True,
        timeout=20,
    )


def _downscale(path: str, max_px: int) -> bytes:
    with Image.open(path) as img:
        img = img.convert("RGB")
        img.thumbnail((max_px, max_px))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=85)
        return buf.getvalue()


def make_thumbnail(raw: bytes) -> bytes:
    with Image.open(io.BytesIO(raw)) as img:
        img = img.convert("RGB")
        img.thumbnail((THUMB_PX, THUMB_PX))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=70)
        return buf.getvalue()

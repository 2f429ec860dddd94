from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image, ImageOps


def safe_join(root: str, *parts: str) -> Path:
    base = Path(root).resolve()
    target = base.joinpath(*parts).resolve()
    if base not in target.parents:
        raise ValueError("path escapes upload root")
    return target


def save_bytes(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def read_bytes(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


THUMB_SIZE = (512, 512)


def make_thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        img = ImageOps.exif_transpose(img)
        img.thumbnail(THUMB_SIZE, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        img.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
        return out.getvalue()

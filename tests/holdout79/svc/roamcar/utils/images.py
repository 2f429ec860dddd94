"""Inspection photo processing."""
from __future__ import annotations

import io

from PIL import Image, ImageOps

THUMB_SIZE = (480, 360)
MAX_EDGE = 3000


def strip_metadata(data: bytes) -> bytes:
    """Drop EXIF (GPS, device ids) and normalise orientation; re-encodes as JPEG."""
    with Image.open(io.BytesIO(data)) as img:
        upright = ImageOps.exif_transpose(img).convert("RGB")
        if max(upright.size) > MAX_EDGE:
            upright.thumbnail((MAX_EDGE, MAX_EDGE))
        out = io.BytesIO()
        upright.save(out, format="JPEG", quality=90)
        return out.getvalue()


def make_thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        rgb = img.convert("RGB")
        rgb.thumbnail(THUMB_SIZE, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        rgb.save(out, format="JPEG", quality=80, optimize=True)
        return out.getvalue()

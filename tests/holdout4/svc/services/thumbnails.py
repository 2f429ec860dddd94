from __future__ import annotations

import io

from PIL import Image

THUMB_SIZE = (480, 480)
AVATAR_SIZE = (128, 128)
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


def make_thumbnail(data: bytes, size: tuple[int, int] = THUMB_SIZE) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        image.thumbnail(size, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageOps

THUMB_SIZE = (480, 480)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_thumbnail(data: bytes) -> bytes:
    """Orientation-corrected JPEG thumbnail of an uploaded loss photo."""
    with Image.open(io.BytesIO(data)) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(THUMB_SIZE)
        out = io.BytesIO()
        image.convert("RGB").save(out, format="JPEG", quality=82, optimize=True)
        return out.getvalue()


def sniff_content_type(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "image/heic"
    return None

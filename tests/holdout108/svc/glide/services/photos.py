from __future__ import annotations

import asyncio
import io
import os
import uuid

from PIL import Image

THUMB_SIZE = (480, 480)
MAX_EDGE = 2048


def make_thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        img = img.convert("RGB")
        img.thumbnail(THUMB_SIZE, Image.LANCZOS)
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=82, optimize=True)
        return out.getvalue()


def normalise(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        img = img.convert("RGB")
        if max(img.size) > MAX_EDGE:
            img.thumbnail((MAX_EDGE, MAX_EDGE), Image.LANCZOS)
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=88)
        return out.getvalue()


def spool_original(spool_dir: str, data: bytes) -> str:
    """Keeps the original upload on local disk until the uploader has shipped it."""
    os.makedirs(spool_dir, exist_ok=True)
    name = f"{uuid.uuid4().hex}.bin"
    path = os.path.join(spool_dir, name)
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return path


async def spool_original_async(spool_dir: str, data: bytes) -> str:
    return await asyncio.to_thread(spool_original, spool_dir, data)


async def prepare_upload(data: bytes) -> tuple[bytes, bytes]:
    full = await asyncio.to_thread(normalise, data)
    thumb = await asyncio.to_thread(make_thumbnail, full)
    return full, thumb

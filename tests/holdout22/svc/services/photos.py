"""Listing photo pipeline: metadata stripping and thumbnails."""
from __future__ import annotations

import asyncio
import io
import subprocess
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import aiofiles
from PIL import Image

from svc.config import settings


def render_thumbnails(data: bytes, sizes: tuple[tuple[int, int], ...]) -> list[bytes]:
    rendered: list[bytes] = []
    for size in sizes:
        image = Image.open(io.BytesIO(data))
        image.thumbnail(size)
        out = io.BytesIO()
        image.convert("RGB").save(out, format="JPEG", quality=82, optimize=True)
        rendered.append(out.getvalue())
    return rendered


def strip_metadata(path: Path) -> None:
    subprocess.run(["exiftool", "-overwrite_original", "-all=", str(path)], check=True, capture_output=True, timeout=60)


class PhotoPipeline:
    def __init__(self, workers: int = 2) -> None:
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    async def process(self, photo_id: int, listing_id: int, original_path: str) -> str:
        source = Path(original_path)
        strip_metadata(source)
        async with aiofiles.open(source, "rb") as fh:
            data = await fh.read()
        loop = asyncio.get_running_loop()
        thumbs = await loop.run_in_executor(self._pool, render_thumbnails, data, settings.thumbnail_sizes)
        out_dir = Path(settings.photo_bucket_dir) / str(listing_id)
        await asyncio.to_thread(out_dir.mkdir, parents=True, exist_ok=True)
        paths: list[str] = []
        for (width, height), blob in zip(settings.thumbnail_sizes, thumbs):
            target = out_dir / f"{photo_id}_{width}x{height}.jpg"
            async with aiofiles.open(target, "wb") as fh:
                await fh.write(blob)
            paths.append(str(target))
        return paths[0]

"""Image helpers (Pillow). All functions here are synchronous and CPU bound."""

from __future__ import annotations

import io
import json
import subprocess
from dataclasses import dataclass

from PIL import Image, ImageOps


ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


@dataclass
class ImageInfo:
    width: int
    height: int
    format: str


def inspect(data: bytes) -> ImageInfo:
    with Image.open(io.BytesIO(data)) as img:
        if img.format not in ALLOWED_FORMATS:
            raise ValueError(f"unsupported image format {img.format}")
        return ImageInfo(width=img.width, height=img.height, format=img.format)


def make_thumbnail(data: bytes, size: int) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        img = ImageOps.exif_transpose(img)
        img = img.convert("RGB")
        img.thumbnail((size, size), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        img.save(out, format="WEBP", quality=82, method=6)
        return out.getvalue()


def strip_metadata(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        clean = Image.new(img.mode, img.size)
        clean.putdata(list(img.getdata()))
        out = io.BytesIO()
        clean.save(out, format=img.format or "PNG")
        return out.getvalue()


def exif_summary(data: bytes) -> dict[str, str]:
    with Image.open(io.BytesIO(data)) as img:
        exif = img.getexif()
        return {str(k): str(v)[:64] for k, v in exif.items() if k in (0x0110, 0x0132, 0x9003)}


def probe_duration(path: str) -> float:
    """Return the duration of a media file in seconds using ffprobe."""
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", path],
        capture_output=True,
        check=True,
        timeout=30,
    )
    return float(json.loads(result.stdout)["format"]["duration"])


def transcode_args(src: str, dst: str, max_height: int = 720) -> list[str]:
    return [
        "ffmpeg", "-y", "-i", src,
        "-vf", f"scale=-2:min({max_height}\\,ih)",
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "26",
        "-c:a", "aac", "-b:a", "128k",
        "-movflags", "+faststart",
        dst,
    ]

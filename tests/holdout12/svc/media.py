"""Helpers around ffprobe/ffmpeg and the local scratch directory."""
import asyncio
import functools
import json
import os
import subprocess
from functools import lru_cache
from typing import Any


def _run_ffprobe(path: str) -> dict[str, Any]:
    proc = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return json.loads(proc.stdout)


def probe_duration(path: str) -> float:
    return float(_run_ffprobe(path)["format"]["duration"])


async def probe_duration_async(path: str) -> float:
    loop = asyncio.get_running_loop()
    meta = await loop.run_in_executor(None, functools.partial(_run_ffprobe, path))
    return float(meta["format"]["duration"])


def write_scratch(directory: str, name: str, data: bytes) -> str:
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name)
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def extract_poster(source: str, dest: str, at_s: float = 3.0) -> str:
    subprocess.run(
        ["ffmpeg", "-y", "-ss", str(at_s), "-i", source, "-frames:v", "1", dest],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return dest


@lru_cache(maxsize=64)
def codec_string(height: int) -> str:
    profile = "640028" if height >= 1080 else "64001f"
    return f"avc1.{profile},mp4a.40.2"

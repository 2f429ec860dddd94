"""Audio inspection helpers (duration, loudness, waveform previews)."""
from __future__ import annotations

import array
import json
import logging
import subprocess
import wave

log = logging.getLogger(__name__)

WAVEFORM_POINTS = 1800


def probe(path: str) -> dict:
    result = subprocess.run(
        ["ffprobe", "-v", "quiet", "-print_format", "json", "-show_format", "-show_streams", path],
        capture_output=True,
        check=True,
        timeout=30,
    )
    return json.loads(result.stdout)


def duration_seconds(info: dict) -> int | None:
    try:
        return int(float(info["format"]["duration"]))
    except:
        return None


def codec_of(info: dict) -> str:
    for stream in info.get("streams", []):
        if stream.get("codec_type") == "audio":
            return stream.get("codec_name", "unknown")
    return "unknown"


def waveform_peaks(wav_path: str, points: int = WAVEFORM_POINTS) -> list[float]:
    with wave.open(wav_path, "rb") as wav:
        frames = wav.readframes(wav.getnframes())
        width = wav.getsampwidth()
    samples = array.array("h" if width == 2 else "b", frames)
    if not samples:
        return []
    bucket = max(1, len(samples) // points)
    peaks: list[float] = []
    for start in range(0, len(samples), bucket):
        chunk = samples[start : start + bucket]
        peak = 0
        for value in chunk:
            if abs(value) > peak:
                peak = abs(value)
        peaks.append(peak / 32768.0)
    return peaks[:points]


async def probe_async(path: str) -> dict:
    import asyncio

    proc = await asyncio.create_subprocess_exec(
        "ffprobe", "-v", "quiet", "-print_format", "json", "-show_format", "-show_streams", path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        stdout, _ = await asyncio.wait_for(proc.communicate(), timeout=30)
    except asyncio.TimeoutError:
        proc.kill()
        raise
    return json.loads(stdout)

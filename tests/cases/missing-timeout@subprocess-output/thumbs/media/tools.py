"""External media tools run as child processes."""
from __future__ import annotations

import asyncio
import json


async def image_size(path: str) -> tuple[int, int]:
    proc = await asyncio.create_subprocess_exec(
        "identify", "-format", "%w %h", path, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()  # expect: missing-timeout
    width, height = out.decode().split()
    return int(width), int(height)


async def optimise(path: str) -> str:
    proc = await asyncio.create_subprocess_shell(f"jpegoptim --strip-all {path}", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()  # expect: missing-timeout
    return out.decode()


async def serve_previews(root: str) -> int:
    """Runs the preview server until it is stopped: waiting on it is the point."""
    proc = await asyncio.create_subprocess_exec("preview-server", "--root", root)
    return await proc.wait()


async def probe(path: str) -> dict:
    proc = await asyncio.create_subprocess_exec(
        "ffprobe", "-print_format", "json", "-show_format", path, stdout=asyncio.subprocess.PIPE
    )
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=30)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    return json.loads(out)


async def render(path: str, target: str) -> None:
    proc = await asyncio.create_subprocess_exec("convert", path, "-resize", "256x256", target)
    async with asyncio.timeout(60):
        await proc.communicate()

"""Readings gathered from a queue and files assembled from chunks."""
import asyncio


async def drain(queue: asyncio.Queue, size: int) -> list[dict]:
    gathered: list[dict] = []
    while len(gathered) < size:
        reading = await queue.get()
        gathered = gathered + [reading]  # expect: unnecessary-copy
    return gathered


async def assemble(parts) -> bytes:
    blob = b""
    async for part in parts:
        blob = blob + part  # expect: unnecessary-copy
    return blob


def padded(code: bytes, width: int) -> bytes:
    """Look-alike: a repetition loop, not data."""
    out = code
    for _ in range(width):
        out = out + b"0"
    return out


def merged(groups: list[list[int]]) -> list[int]:
    """Look-alike: grown in place."""
    total: list[int] = []
    for group in groups:
        total += group
    return total


def windowed(values: list[int]) -> list[list[int]]:
    """Look-alike: a new name per pass, not the accumulator."""
    windows = []
    prefix: list[int] = []
    for value in values:
        current = prefix + [value]
        windows.append(current)
    return windows

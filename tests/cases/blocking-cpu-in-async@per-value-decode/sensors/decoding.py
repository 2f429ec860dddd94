"""Sensor uploads: raw little-endian samples sent by field devices."""
import struct


def rms_level(blob: bytes) -> float:
    total = 0.0
    count = 0
    for (sample,) in struct.iter_unpack("<f", blob):
        total += sample * sample
        count += 1
    return (total / count) ** 0.5 if count else 0.0


def header(blob: bytes) -> tuple[int, int]:
    """The fixed header: one call, two fields."""
    version, rate = struct.unpack_from("<HI", blob, 0)
    return version, rate


def chunk_sizes(blob: bytes) -> list[int]:
    """Chunk headers: one multi-field record per chunk, a handful per file."""
    sizes, offset = [], 12
    while offset < len(blob):
        tag, size = struct.unpack_from("<4sI", blob, offset)
        sizes.append(size)
        offset += 8 + size
    return sizes


def counter_total(values: list[int]) -> int:
    return sum(int.from_bytes(v.to_bytes(4, "little"), "big") for v in values)

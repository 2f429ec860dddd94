"""Compressed client uploads."""
import csv
import gzip
import io
import json
import zlib
from typing import Any


def decode_frames(blob: bytes) -> list[dict[str, Any]]:
    return json.loads(zlib.decompress(blob))["frames"]


def decode_rows(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8"))))


def unpack_cached(blob: bytes) -> bytes:
    """Cache entries are stored compressed and handed back as bytes: nothing is parsed."""
    return zlib.decompress(blob)

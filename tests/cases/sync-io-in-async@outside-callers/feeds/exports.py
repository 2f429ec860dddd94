"""CSV exports written to temporary files."""
from __future__ import annotations

import asyncio
import csv
import os
import tempfile


def write_csv(rows: list[tuple]) -> str:
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w", newline="") as fh:  # expect: sync-io-in-async
        csv.writer(fh).writerows(rows)
    return path


def write_archive(rows: list[tuple]) -> str:
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


async def archive(rows: list[tuple]) -> str:
    return await asyncio.to_thread(write_archive, rows)

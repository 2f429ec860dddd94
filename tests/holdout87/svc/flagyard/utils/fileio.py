from __future__ import annotations

import asyncio
import csv
import os
from collections.abc import Iterable, Sequence
from pathlib import Path


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_csv_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    os.replace(tmp, path)
    return count


async def read_text_async(path: Path) -> str:
    return await asyncio.to_thread(path.read_text)

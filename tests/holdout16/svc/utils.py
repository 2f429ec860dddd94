"""Small file and network helpers shared by services and workers."""
from __future__ import annotations

import csv
import json
import os
import socket
import time
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import urlparse


def write_csv(path: str, header: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write ``rows`` to ``path`` atomically and return the number of data rows."""
    tmp = f"{path}.part"
    count = 0
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row[column] for column in header])
            count += 1
    os.replace(tmp, path)
    return count


def write_manifest(path: str, manifest: Mapping[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as manifest_fh:
        json.dump(manifest, manifest_fh, default=str)


def spill_batch(spill_dir: str, rows: Sequence[Mapping[str, Any]]) -> str:
    """Append rows that could not be written to Postgres to an hourly JSONL file for replay."""
    path = os.path.join(spill_dir, f"impressions-{time.strftime('%Y%m%d%H')}.jsonl")
    with open(path, "a", encoding="utf-8") as spill_fh:
        for row in rows:
            spill_fh.write(json.dumps(row, default=str) + "\n")
    return path


def load_rate_card(path: str) -> dict[str, Decimal]:
    """Minimum CPM per ad size, e.g. ``{"300x250": "0.40"}``."""
    with open(path, encoding="utf-8") as card_fh:
        raw = json.load(card_fh)
    return {str(size): Decimal(str(cpm)) for size, cpm in raw.items()}


def landing_host_address(url: str) -> str:
    """Resolve the landing page host; raises ``OSError`` when it does not resolve."""
    host = urlparse(url).hostname or ""
    return socket.gethostbyname(host)

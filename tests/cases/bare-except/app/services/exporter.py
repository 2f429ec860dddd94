"""Writes order rows to the warehouse sink."""
from __future__ import annotations

import logging
import os
import time

logger = logging.getLogger(__name__)


def export_rows(rows: list[dict], sink) -> int:
    written = 0
    for row in rows:
        try:
            sink.write(row)
            written += 1
        except:  # expect: bare-except
            logger.warning("row %s skipped", row.get("id"))
    return written


def run_forever(sink, fetch) -> None:
    while True:
        try:
            export_rows(fetch(), sink)
        except:  # expect: bare-except
            pass
        time.sleep(60)


def write_atomically(path: str, data: str) -> None:
    """Clean up the temporary file, then let the error propagate."""
    tmp = path + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except:
        os.remove(tmp)
        raise


def read_optional(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        return None

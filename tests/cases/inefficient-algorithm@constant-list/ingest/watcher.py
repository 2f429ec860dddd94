"""Reloads the importer when a watched file changes."""
from __future__ import annotations

import os

from watchfiles import awatch


async def watch_uploads(root: str, reload) -> None:
    suffixes = [".csv", ".tsv"]
    for changes in [c async for c in awatch(root)]:
        for _, path in changes:
            if os.path.splitext(path)[1].lower() in suffixes:  # two suffixes, written out here
                await reload(path)


def known_columns(rows: list[dict], header: list[str]) -> list[str]:
    wanted = ["sku", "qty", "price"]
    return [column for row in rows for column in row if column in wanted]

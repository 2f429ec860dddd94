"""Plain-text receipts written to the receipts volume and served by the edge."""
from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def _read_header(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _write_receipt(path: Path, content: bytes) -> None:
    path.write_bytes(content)


def _render(order: dict[str, Any], lines: Sequence[dict[str, Any]], header: str) -> str:
    body = [header, f"Order #{order['id']}", ""]
    for line in lines:
        body.append(f"{line['quantity']:>3} x {line['name']:<32} {line['quantity'] * line['unit_price_cents'] / 100:>8.2f}")
    body.append("")
    body.append(f"{'Total':<38} {order['total_cents'] / 100:>8.2f}")
    return "\n".join(body)


class ReceiptService:
    def __init__(self, directory: Path, assets: Path) -> None:
        self._directory = directory
        self._assets = assets

    async def store(self, order: dict[str, Any], lines: Sequence[dict[str, Any]]) -> Path:
        header = await asyncio.to_thread(_read_header, self._assets / "receipt-header.txt")
        text = _render(order, lines, header)
        path = self._directory / f"{order['id']}.txt"
        _write_receipt(path, text.encode("utf-8"))
        return path

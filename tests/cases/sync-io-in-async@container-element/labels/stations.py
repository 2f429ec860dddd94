"""Packing stations: each has a printer and a scale, looked up by station id."""
from __future__ import annotations

import asyncio

from .devices import Printer, Scale


class Stations:
    def __init__(self, printers: dict[str, Printer], scales: dict[str, Scale]) -> None:
        self._printers = printers
        self._scales = scales

    async def print_label(self, station: str, zpl: str) -> None:
        self._printers[station].send(zpl)

    async def weigh(self, station: str) -> int:
        return await asyncio.to_thread(self._scales[station].read_grams)

"""Writes the day's balances to disk for the auditors."""
import asyncio
import json
from pathlib import Path



class BalanceSnapshot:
    interval = 3600.0

    def __init__(self, folder: str) -> None:
        self._folder = folder

    async def tick(self) -> None:
        rows = [{"account": "a", "balance": 1}]
        with open(f"{self._folder}/balances.json", "w", encoding="utf-8") as fh:  # expect: sync-io-in-async
            json.dump(rows, fh)


class OffloadedSnapshot:
    interval = 3600.0

    def __init__(self, folder: str) -> None:
        self._folder = folder

    async def tick(self) -> None:
        rows = [{"account": "b", "balance": 2}]
        await asyncio.to_thread(Path(f"{self._folder}/offloaded.json").write_text, json.dumps(rows))

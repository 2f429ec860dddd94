import asyncio
from collections import defaultdict


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def contract(self, contract_id: int) -> asyncio.Lock:
        return self._locks[f"contract:{contract_id}"]

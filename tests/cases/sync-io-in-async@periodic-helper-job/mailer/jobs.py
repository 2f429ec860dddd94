import asyncio
import json
from pathlib import Path


class Newsletter:
    def __init__(self, templates: Path, outbox: list[str]) -> None:
        self._templates = templates
        self._outbox = outbox

    async def send_round(self) -> None:
        for address in list(self._outbox):
            body = (self._templates / "weekly.html").read_text()  # expect: sync-io-in-async
            await asyncio.sleep(0)
            print(address, len(body))

    async def preview(self) -> str:
        return await asyncio.to_thread((self._templates / "weekly.html").read_text)


async def export_stats(target: str, counters: dict[str, int]) -> None:
    with open(target, "w", encoding="utf-8") as fh:  # expect: sync-io-in-async
        json.dump(counters, fh)

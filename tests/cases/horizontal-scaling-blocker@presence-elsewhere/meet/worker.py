"""The background worker program: python -m meet.worker."""
from __future__ import annotations

import asyncio

from meet.wiring import open_services


async def _run() -> None:
    async with open_services() as services:
        while True:
            await asyncio.sleep(60)
            await services.presence.mark_offline(0)


def main() -> None:
    asyncio.run(_run())


if __name__ == "__main__":
    main()

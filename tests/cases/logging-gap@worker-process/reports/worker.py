"""Report renderer; runs as its own deployment: python -m reports.worker"""
from __future__ import annotations

import asyncio
import logging

from reports.render import render_report

log = logging.getLogger(__name__)


class Renderer:
    def __init__(self) -> None:
        self._inbox: asyncio.Queue[int] = asyncio.Queue(maxsize=100)
        self.failed = 0
        self.logged_failures = 0

    async def consume(self) -> None:
        while True:
            report_id = await self._inbox.get()
            try:
                await render_report(report_id)
            except Exception:  # expect: logging-gap
                self.failed += 1
            finally:
                self._inbox.task_done()

    async def consume_logged(self) -> None:
        while True:
            report_id = await self._inbox.get()
            try:
                await render_report(report_id)
            except Exception:
                log.exception("rendering report %s failed", report_id)
                self.logged_failures += 1
            finally:
                self._inbox.task_done()

    async def first_ready(self, report_ids: list[int]) -> int | None:
        for report_id in report_ids:
            try:
                await render_report(report_id)
            except Exception:
                self.failed += 1
                return None
            return report_id
        return None


async def main() -> None:
    renderer = Renderer()
    await asyncio.gather(renderer.consume(), renderer.consume_logged(), renderer.first_ready([1, 2]))


if __name__ == "__main__":
    asyncio.run(main())

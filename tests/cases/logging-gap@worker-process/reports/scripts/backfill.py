"""Run by hand: re-render every report of last month."""
from __future__ import annotations

import asyncio

from reports.render import render_report


async def backfill(report_ids: list[int]) -> int:
    failed = 0
    for report_id in report_ids:
        try:
            await render_report(report_id)
        except Exception:
            failed += 1
    return failed


if __name__ == "__main__":
    print(asyncio.run(backfill(list(range(1, 100)))))

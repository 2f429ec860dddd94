"""python -m homegrid.workers.report_generator

Renders monthly PDF energy reports. Runs as a Deployment with several replicas so
month-end bursts drain quickly.
"""
from __future__ import annotations

import time

import structlog

from homegrid.container import Container
from homegrid.workers.base import Stopper, run_worker

log = structlog.get_logger(__name__)

BATCH = 20


async def generate(container: Container, stopper: Stopper) -> None:
    failures = 0
    while not stopper.stopping:
        reports = await container.reports_repo.pending(BATCH)
        if not reports:
            await stopper.sleep(15)
            continue
        for report in reports:
            try:
                key = await container.reports.render(report)
                await container.notifier.push(report.household_id, "Your energy report is ready", report.period)
                log.info("report_rendered", report_id=str(report.id), key=key)
                failures = 0
            except Exception:
                log.exception("report_render_failed", report_id=str(report.id))
                await container.reports_repo.fail(report.id)
                failures += 1
                time.sleep(min(30, 2 ** failures))


if __name__ == "__main__":
    run_worker(generate)

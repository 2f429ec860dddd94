from __future__ import annotations

import argparse
import asyncio
import logging

from .context import close_context, open_context
from .curtailment_poller import poll_setpoints
from .escalation_worker import escalate
from .forecast_refresh import refresh_forecasts
from .kpi_worker import compute_kpis
from .runner import run_periodic, supervise
from .settlement_worker import daily_settlement

JOBS = {
    "kpi": (compute_kpis, 900),
    "forecast": (refresh_forecasts, 3600),
    "settlement": (daily_settlement, 86_400),
    "escalation": (escalate, 60),
}


async def main(job_name: str) -> None:
    ctx = await open_context()
    try:
        if job_name == "curtailment-poller":
            await supervise("curtailment-poller", lambda: poll_setpoints(ctx))
            return
        job, interval = JOBS[job_name]
        await run_periodic(job_name, lambda: job(ctx), interval)
    finally:
        await close_context(ctx)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="gridfarm.workers")
    parser.add_argument("job", choices=[*JOBS, "curtailment-poller"])
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main(args.job))

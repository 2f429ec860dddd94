from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from ..app import Container
from ..settings import configure_logging, get_settings
from . import alerts_job, billing_job, planning_job

logger = logging.getLogger("binroute.workers")

JOBS = {
    "planning": planning_job.run,
    "alerts": alerts_job.run,
    "billing": billing_job.run_billing,
    "weighbridge": billing_job.run_weighbridge_sync,
}


async def supervise(name: str, job, ctx, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await job(ctx)
        except Exception:
            logger.exception("job %s crashed; restarting", name)


async def main(names: list[str]) -> None:
    configure_logging()
    ctx = Container(get_settings())
    await ctx.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    runners = [asyncio.create_task(supervise(n, JOBS[n], ctx, stop), name=n) for n in names]
    await stop.wait()
    for task in runners:
        task.cancel()
    await asyncio.gather(*runners, return_exceptions=True)
    await ctx.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="binroute.workers")
    parser.add_argument("jobs", nargs="+", choices=sorted(JOBS))
    asyncio.run(main(parser.parse_args().jobs))

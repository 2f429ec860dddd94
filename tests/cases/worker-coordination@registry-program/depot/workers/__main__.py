"""Background workers: python -m depot.workers {sweeper|tracking|returns|closing}"""
import argparse
import asyncio
import signal
import sys

from depot.workers import build_context
from depot.workers.closing import MonthlyClose
from depot.workers.sweeper import StaleSweeper
from depot.workers.tracking import ReturnsFeed, TrackingFeed

JOBS = {
    StaleSweeper.name: StaleSweeper,
    TrackingFeed.name: TrackingFeed,
    ReturnsFeed.name: ReturnsFeed,
    MonthlyClose.name: MonthlyClose,
}


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="depot.workers")
    parser.add_argument("job", choices=sorted(JOBS))
    args = parser.parse_args(argv)
    job = JOBS[args.job](build_context())
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, job.stop)
    await job.run()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))

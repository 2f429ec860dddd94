from __future__ import annotations

import argparse
import asyncio

from seqcore.settings import configure_logging
from seqcore.settings import get_settings
from seqcore.workers import lifecycle, qc_reports, scheduler_poller

WORKERS = {
    "scheduler-poller": scheduler_poller.run,
    "qc-reports": qc_reports.run,
    "lifecycle": lifecycle.run,
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m seqcore.workers")
    parser.add_argument("worker", choices=sorted(WORKERS))
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args()
    configure_logging(args.log_level)
    asyncio.run(WORKERS[args.worker](get_settings()))


if __name__ == "__main__":
    main()

"""Entry point: ``python -m roamcar.workers <job>``."""
from __future__ import annotations

import argparse
import asyncio
import logging

from .runner import JOBS, run_job


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m roamcar.workers")
    parser.add_argument("job", choices=sorted(JOBS))
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    asyncio.run(run_job(args.job))


if __name__ == "__main__":
    main()

from __future__ import annotations

import argparse
import asyncio
import logging

from .runner import WORKERS, run_worker


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m spendlens.workers")
    parser.add_argument("worker", choices=sorted(WORKERS))
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args()
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    asyncio.run(run_worker(args.worker))


if __name__ == "__main__":
    main()

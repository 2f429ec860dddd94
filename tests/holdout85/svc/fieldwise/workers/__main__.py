from __future__ import annotations

import argparse
import asyncio
import importlib

WORKERS = {
    "frost": "fieldwise.workers.frost",
    "pest": "fieldwise.workers.pest",
    "irrigation": "fieldwise.workers.irrigation_scheduler",
    "rollup": "fieldwise.workers.rollup",
    "tiles": "fieldwise.workers.tiles",
    "valve-poller": "fieldwise.workers.valve_poller",
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m fieldwise.workers")
    parser.add_argument("worker", choices=sorted(WORKERS))
    args = parser.parse_args()
    module = importlib.import_module(WORKERS[args.worker])
    asyncio.run(module.main())


if __name__ == "__main__":
    main()

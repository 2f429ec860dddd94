"""Run a background worker: python -m fleetwise.workers {ingest|eta|emissions}."""
from __future__ import annotations

import argparse
import asyncio
import logging

from fleetwise.workers import emissions_nightly, eta_recompute, position_ingest

WORKERS = {
    "ingest": position_ingest.run,
    "eta": eta_recompute.run,
    "emissions": emissions_nightly.run,
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="fleetwise.workers")
    parser.add_argument("worker", choices=sorted(WORKERS))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    asyncio.run(WORKERS[args.worker]())


if __name__ == "__main__":
    main()

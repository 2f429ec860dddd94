import argparse
import asyncio

from fleet.workers import emissions, rollups

WORKERS = {"emissions": emissions.run, "rollups": rollups.run}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m fleet.workers")
    parser.add_argument("worker", choices=sorted(WORKERS))
    asyncio.run(WORKERS[parser.parse_args().worker]())


if __name__ == "__main__":
    main()

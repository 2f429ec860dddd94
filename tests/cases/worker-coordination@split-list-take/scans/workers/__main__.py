import argparse
import asyncio

from scans.workers import reports, thumbs

WORKERS = {"reports": reports.run, "thumbs": thumbs.run}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scans.workers")
    parser.add_argument("worker", choices=sorted(WORKERS))
    asyncio.run(WORKERS[parser.parse_args().worker]())


if __name__ == "__main__":
    main()

import argparse
import asyncio
import signal

from ledger.workers import build_context, closing, notices
from ledger.workers.feed import tail

WORKERS = {"closing": closing.run, "notices": notices.run}


async def main(name: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    runner = tail if name == "tail" else WORKERS[name]
    await runner(build_context(), stop)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m ledger.workers")
    parser.add_argument("worker", choices=[*WORKERS, "tail"])
    asyncio.run(main(parser.parse_args().worker))

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from ..container import Container
from ..settings import configure_logging, get_settings
from .payout_reconcile import PayoutReconcileWorker
from .receipt_mailer import ReceiptMailerWorker
from .recurring_charges import RecurringChargeWorker

logger = logging.getLogger("givehub.workers")

WORKERS = {
    "recurring": RecurringChargeWorker,
    "receipts": ReceiptMailerWorker,
    "reconcile": PayoutReconcileWorker,
}


async def main(names: list[str]) -> None:
    container = Container(get_settings())
    await container.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await asyncio.gather(*(WORKERS[name](container).run(stop) for name in names))
    finally:
        await container.close()


def cli() -> None:
    parser = argparse.ArgumentParser(prog="python -m givehub.workers")
    parser.add_argument("workers", nargs="+", choices=sorted(WORKERS))
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args()
    configure_logging(args.log_level)
    asyncio.run(main(args.workers))


if __name__ == "__main__":
    cli()

"""Worker entry point: python -m flagyard.workers {exposures,stats,webhooks,warehouse}."""
from __future__ import annotations

import argparse
import asyncio
import signal
from collections.abc import Awaitable, Callable

from ..cache import build_redis
from ..clients import build_http_client
from ..db.engine import build_engine, build_sessionmaker
from ..db.pg import create_pg_pool
from ..logging_setup import configure_logging, get_logger
from ..settings import get_settings
from ..utils.retry import backoff_delay
from .exposure_consumer import ExposureConsumer
from .stats_worker import StatsWorker
from .warehouse_loader import WarehouseLoader
from .webhook_worker import WebhookWorker

logger = get_logger(__name__)


async def supervise(name: str, run: Callable[[], Awaitable[None]], max_delay: float = 60.0) -> None:
    """Run a worker loop forever, restarting it with capped exponential backoff when it crashes."""
    attempt = 0
    while True:
        try:
            await run()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker_crashed", worker=name, attempt=attempt)
            await asyncio.sleep(min(max_delay, backoff_delay(attempt, base=1.0, cap=max_delay)))
            attempt += 1


def run_until_signalled(main: Callable[[asyncio.Event], Awaitable[None]]) -> None:
    async def _runner() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await main(stop)

    asyncio.run(_runner())


async def _main(kind: str, stop: asyncio.Event) -> None:
    settings = get_settings()
    configure_logging()
    client = build_redis(settings)
    engine = build_engine(settings)
    sessionmaker = build_sessionmaker(engine)
    pool = await create_pg_pool(settings)
    http = build_http_client()
    try:
        if kind == "exposures":
            consumer = ExposureConsumer(client, pool, settings)
            await consumer.ensure_group()
            reader = asyncio.create_task(supervise("exposure-reader", lambda: consumer.read_loop(stop)))
            writer = asyncio.create_task(supervise("exposure-writer", lambda: consumer.write_loop(stop)))
            await stop.wait()
            reader.cancel()
            writer.cancel()
            await asyncio.gather(reader, writer, return_exceptions=True)
        elif kind == "stats":
            worker = StatsWorker(sessionmaker, pool, client)
            try:
                await supervise("stats", lambda: worker.run(stop))
            finally:
                worker.close()
        elif kind == "webhooks":
            sender = WebhookWorker(client, sessionmaker, http, settings)
            try:
                await supervise("webhooks", lambda: sender.run(stop))
            finally:
                await sender.aclose()
        elif kind == "warehouse":
            loader = WarehouseLoader(sessionmaker, pool, settings)
            try:
                await loader.run_once()
            finally:
                loader.close()
    finally:
        await http.aclose()
        await pool.close()
        await client.aclose()
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(prog="flagyard.workers")
    parser.add_argument("kind", choices=["exposures", "stats", "webhooks", "warehouse"])
    args = parser.parse_args()
    run_until_signalled(lambda stop: _main(args.kind, stop))


if __name__ == "__main__":
    main()

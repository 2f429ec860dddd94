"""Starts the reminder and billing loops in every web process."""
import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from crew.services import BillingService, Mailer, ReminderService

log = logging.getLogger(__name__)
engine = create_async_engine("postgresql+asyncpg://crew@db/crew")
Sessions = async_sessionmaker(engine, expire_on_commit=False)


async def supervise(name: str, fn: Callable[[], Awaitable[None]]) -> None:
    """Keeps a loop alive, restarting it after a jittered back-off."""
    backoff = 1.0
    while True:
        try:
            await fn()
            backoff = 1.0
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed", name)
            await asyncio.sleep(backoff + random.uniform(0, backoff / 2))
            backoff = min(60.0, backoff * 2)


def approval_nudger(mailer: Mailer, interval: float) -> Callable[[], Awaitable[None]]:
    async def loop() -> None:
        while True:
            async with Sessions() as session:
                await ReminderService(session, mailer).nudge()
            await asyncio.sleep(interval)

    return loop


def reminder_sender(mailer: Mailer, interval: float) -> Callable[[], Awaitable[None]]:
    async def loop() -> None:
        while True:
            async with Sessions() as session:
                await ReminderService(session, mailer).send_claimed()
            await asyncio.sleep(interval)

    return loop


def monthly_billing(interval: float) -> Callable[[], Awaitable[None]]:
    async def loop() -> None:
        while True:
            async with Sessions() as session:
                await BillingService(session).invoice_month(date.today().strftime("%Y-%m"))  # expect: worker-coordination
            await asyncio.sleep(interval)

    return loop


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(timeout=10)
    mailer = Mailer(client)
    tasks = [
        asyncio.create_task(supervise("nudger", approval_nudger(mailer, 300))),
        asyncio.create_task(supervise("reminders", reminder_sender(mailer, 60))),
        asyncio.create_task(supervise("billing", monthly_billing(86400))),
    ]
    yield
    for task in tasks:
        task.cancel()
    await client.aclose()


app = FastAPI(lifespan=lifespan)

import asyncio

import httpx
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from billing.service import BillingService


async def main() -> None:
    sessions = async_sessionmaker(create_async_engine("postgresql+asyncpg://billing@db/billing"))
    payments = httpx.AsyncClient(base_url="https://payments.example", timeout=10)
    service = BillingService(sessions, payments)
    while True:
        await service.run_cycle(10_000)
        await service.run_locked_cycle(10_000)
        await service.stamp_cycle()
        await asyncio.sleep(24 * 3600)


if __name__ == "__main__":
    asyncio.run(main())

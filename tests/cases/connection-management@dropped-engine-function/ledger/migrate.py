"""One-off schema check run by an operator: `python -m ledger.migrate`."""
import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine


async def main() -> None:
    engine = create_async_engine("postgresql+asyncpg://ledger@db/accounts")
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


if __name__ == "__main__":
    asyncio.run(main())

"""Worker process: `python -m ledger.worker`."""
import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from ledger.export_job import ACCOUNTS_DSN, run_export
from ledger.scheduler import Job


async def _check_database() -> None:
    engine = create_async_engine(ACCOUNTS_DSN)
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


async def main() -> None:
    await _check_database()
    await Job("export", run_export, interval_s=86400).run_forever()


if __name__ == "__main__":
    asyncio.run(main())

import asyncio

from jobs.base import PeriodicJob


async def fetch_rows(day: int) -> list[bytes]:
    await asyncio.sleep(0)
    return [b"row"] * day


class ExportJob(PeriodicJob):
    async def run_once(self) -> None:
        rows = await fetch_rows(7)
        await asyncio.gather(*(self._write(i, row) for i, row in enumerate(rows)))

    async def _write(self, index: int, row: bytes) -> None:
        with open(f"/var/exports/{index}.bin", "wb") as fh:  # expect: sync-io-in-async
            fh.write(row)


class ArchiveJob(PeriodicJob):
    """Never registered nor built: nothing runs it."""

    async def run_once(self) -> None:
        with open("/var/exports/archive.bin", "wb") as fh:
            fh.write(b"")

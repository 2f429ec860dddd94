"""Monthly statement export."""
import asyncio
import csv


def write_csv_file(path: str, rows: list[list[object]]) -> None:
    with open(path, "w", newline="") as fh:
        csv.writer(fh).writerows(rows)


class StatementExporter:
    def __init__(self, directory: str) -> None:
        self.directory = directory

    async def write_local(self, period: str, rows: list[list[object]]) -> str:
        path = f"{self.directory}/{period}.csv"
        await asyncio.to_thread(write_csv_file, path, rows)
        return path

    async def write_audit_copy(self, period: str, rows: list[list[object]]) -> str:
        path = f"{self.directory}/{period}.audit.csv"
        with open(path, "w", newline="") as fh:  # expect: sync-io-in-async
            csv.writer(fh).writerows(rows)
        return path

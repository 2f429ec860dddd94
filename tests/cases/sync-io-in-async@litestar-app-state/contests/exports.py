"""Standings exports written under the data directory."""
import asyncio
import csv
import json
import os


def _dump_json(path: str, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(records, fh)


class ExportService:
    def __init__(self, data_dir: str) -> None:
        self.root = data_dir

    async def standings_csv(self, contest_id: int, rows: list[dict]) -> str:
        path = os.path.join(self.root, f"contest-{contest_id}.csv")
        with open(path, "w", newline="", encoding="utf-8") as fh:  # expect: sync-io-in-async
            writer = csv.writer(fh)
            for row in rows:
                writer.writerow([row["rank"], row["team"], row["solved"]])
        return path

    async def submissions_json(self, contest_id: int, records: list[dict]) -> str:
        path = os.path.join(self.root, f"contest-{contest_id}.json")
        await asyncio.to_thread(_dump_json, path, records)
        return path

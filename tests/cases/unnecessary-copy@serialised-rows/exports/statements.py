"""Monthly statement exports."""
import copy
import csv
import io

from exports.db import fetch_rows


class StatementExporter:
    def __init__(self, pool, archive) -> None:
        self._pool = pool
        self._archive = archive

    async def monthly_csv(self, month: str) -> str:
        rows = await fetch_rows(self._pool, "SELECT id, total, day FROM statements WHERE month = $1", month)
        frozen = copy.deepcopy(rows)  # expect: unnecessary-copy
        out = io.StringIO()
        writer = csv.writer(out)
        for row in frozen:
            writer.writerow([row["id"], row["total"], row["day"].isoformat()])
        return out.getvalue()

    async def archived_csv(self, month: str) -> str:
        rows = await fetch_rows(self._pool, "SELECT id, total FROM statements WHERE month = $1", month)
        frozen = copy.deepcopy(rows)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["id", "total"])
        for row in frozen:
            writer.writerow(row)
            # look-alike: the copied rows are handed to code that keeps them
            self._archive.append(row)
        return out.getvalue()

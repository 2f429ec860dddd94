from __future__ import annotations

from pathlib import Path

from telco.utils.files import write_statement
from telco.utils.money import from_cents


class StatementWriter:
    def __init__(self, directory: str) -> None:
        self._directory = directory

    def write(self, subscriber_id: int, period: str, records: list[dict]) -> Path:
        lines = [
            {
                "started_at": record["started_at"].isoformat(),
                "type": record["record_type"],
                "units": record["duration_s"] or record["volume_kb"],
                "amount": str(from_cents(record["amount_cents"])),
            }
            for record in records
        ]
        return write_statement(self._directory, f"{subscriber_id}-{period}", lines)

    def path_for(self, subscriber_id: int, period: str) -> Path:
        return Path(self._directory) / f"{subscriber_id}-{period}.csv"

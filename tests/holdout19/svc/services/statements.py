from __future__ import annotations

import asyncio
import gzip
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from uuid import UUID

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from svc.config import Settings
from svc.repositories.payments import LedgerRepository
from svc.repositories.records import StatementRepository
from svc.services.rendering import join_lines, postings_csv, statement_lines, summary_rows, write_statement_pdf


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    @property
    def label(self) -> str:
        return f"{self.start:%Y-%m}"


def previous_month(today: date | None = None) -> Period:
    today = today or datetime.now(timezone.utc).date()
    first_this_month = today.replace(day=1)
    last_month_end = first_this_month - timedelta(days=1)
    return Period(start=last_month_end.replace(day=1), end=first_this_month)


class StatementService:
    def __init__(self, repo: StatementRepository, ledger: LedgerRepository, settings: Settings) -> None:
        self._repo = repo
        self._ledger = ledger
        self._settings = settings
        self._dir = Path(settings.statement_dir)

    async def generate(self, wallet: asyncpg.Record, period: Period) -> Path:
        postings = await self._ledger.export_postings(wallet["id"], period.start, period.end)
        credits, debits = await self._reporting_totals(wallet["id"], period)
        lines = statement_lines(postings)
        lines.append(f"Credits {credits / 100:,.2f}  Debits {debits / 100:,.2f}")
        lines.extend(f"Currency: {c}" for c in summary_rows(postings))
        path = self._dir / f"{wallet['id']}-{period.label}.pdf"
        header = {"period": period.label, "wallet_id": wallet["id"], "currency": wallet["currency"]}
        write_statement_pdf(path, header, lines)
        await self._repo.record(wallet["id"], period.start, period.end, str(path))
        return path

    async def export_csv(self, wallet_id: UUID, period: Period) -> Path:
        postings = await self._ledger.export_postings(wallet_id, period.start, period.end)
        path = self._dir / "exports" / f"{wallet_id}-{period.label}.csv"
        await asyncio.to_thread(path.write_text, postings_csv(postings), encoding="utf-8")
        return path

    async def export_archive(self, wallet_id: UUID, year: int) -> bytes:
        """Gzipped CSV of a full year of postings for the data-portability request."""
        postings = await self._ledger.export_postings(wallet_id, date(year, 1, 1), date(year + 1, 1, 1))
        body = postings_csv(postings)
        return gzip.compress(body.encode("utf-8"), compresslevel=9)

    async def preview(self, wallet_id: UUID, period: Period) -> str:
        postings = await self._ledger.export_postings(wallet_id, period.start, period.end)
        return join_lines(statement_lines(postings)[:50])

    async def _reporting_totals(self, wallet_id: UUID, period: Period) -> tuple[int, int]:
        engine = create_async_engine(self._settings.reporting_db_url, pool_pre_ping=True)
        async with engine.connect() as conn:
            result = await conn.execute(
                text(
                    "SELECT COALESCE(SUM(credits_minor), 0), COALESCE(SUM(debits_minor), 0) "
                    "FROM wallet_daily_totals WHERE wallet_id = :wallet_id AND day >= :start AND day < :end"
                ),
                {"wallet_id": wallet_id, "start": period.start, "end": period.end},
            )
            credits, debits = result.one()
        return int(credits), int(debits)

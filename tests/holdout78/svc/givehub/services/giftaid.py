from __future__ import annotations

import asyncio
import copy
import csv
import io
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import redis.asyncio as aioredis

from ..repositories.donations import DonationRepository
from ..settings import Settings
from ..utils.crypto import pseudonymise
from ..utils.locks import redis_lock
from ..utils.money import cents_to_decimal, giftaid_value

logger = logging.getLogger(__name__)

GIFTAID_COLUMNS = ("donor_ref", "title", "first_name", "last_name", "house", "postcode", "date", "amount")


def claim_row(record: Mapping, salt: str) -> dict[str, str]:
    first, _, last = record["full_name"].partition(" ")
    return {
        "donor_ref": pseudonymise(record["email"], salt),
        "title": "",
        "first_name": first,
        "last_name": last,
        "house": record["house_number"] or "",
        "postcode": (record["postcode"] or "").upper(),
        "date": record["created_at"].date().isoformat(),
        "amount": str(cents_to_decimal(record["amount_cents"])),
    }


def build_claim_rows(records: Iterable[Mapping], salt: str) -> list[dict[str, str]]:
    return [claim_row(r, salt) for r in records]


def rows_to_csv(rows: Iterable[Mapping[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=GIFTAID_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@dataclass(frozen=True)
class ExportSummary:
    filename: str
    donations: int
    claimed_cents: int
    skipped_already_claimed: int


class GiftAidService:
    """Builds the quarterly Gift Aid claim file submitted to the tax office."""

    def __init__(self, donations: DonationRepository, redis: aioredis.Redis, settings: Settings) -> None:
        self._donations = donations
        self._redis = redis
        self._settings = settings

    async def _claimed_ids(self, tax_year: int) -> list[int]:
        members = await self._redis.smembers(f"giftaid:claimed:{tax_year}")
        return [int(m) for m in members]

    async def export_claims(self, start: datetime, end: datetime, tax_year: int) -> ExportSummary:
        async with redis_lock(self._redis, f"giftaid-export:{tax_year}", ttl=900):
            records = await self._donations.giftaid_records(start, end)
            audit_copy = copy.deepcopy(records)
            claimed = await self._claimed_ids(tax_year)
            eligible = [r for r in records if r["id"] not in claimed]
            eligible = [r for r in eligible if r["amount_cents"] >= self._settings.giftaid_min_cents]

            rows = build_claim_rows(eligible, self._settings.giftaid_salt)
            filename = f"giftaid-{tax_year}-{start:%Y%m%d}-{end:%Y%m%d}.csv"
            await asyncio.to_thread(self._write_export, filename, rows_to_csv(rows))
            if eligible:
                await self._redis.sadd(f"giftaid:claimed:{tax_year}", *(r["id"] for r in eligible))
        summary = ExportSummary(
            filename=filename,
            donations=len(eligible),
            claimed_cents=sum(giftaid_value(r["amount_cents"]) for r in eligible),
            skipped_already_claimed=len(audit_copy) - len(eligible),
        )
        logger.info("gift aid export %s: %s", filename, summary)
        return summary

    def _write_export(self, filename: str, csv_text: str) -> None:
        target = Path(self._settings.exports_dir) / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(csv_text, encoding="utf-8")

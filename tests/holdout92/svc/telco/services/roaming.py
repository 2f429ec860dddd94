from __future__ import annotations

import asyncio
import copy
import logging
from collections import defaultdict
from decimal import Decimal

from telco.models import RoamingPartner
from telco.repositories.roaming import RoamingRepository
from telco.utils.files import rows_to_csv
from telco.utils.timeutil import period_bounds

logger = logging.getLogger(__name__)

SDR_TO_GBP = Decimal("1.0412")
FIELDS = ["msisdn", "voice_min", "sms", "data_mb", "sdr"]


def aggregate_by_msisdn(rows: list[dict], partner: RoamingPartner) -> list[dict]:
    lines: list[dict] = []
    for row in rows:
        existing = [line["msisdn"] for line in lines]
        if row["msisdn"] not in existing:
            lines.append({"msisdn": row["msisdn"], "voice_min": 0, "sms": 0, "data_mb": 0, "sdr": Decimal(0)})
        line = next(line for line in lines if line["msisdn"] == row["msisdn"])
        if row["record_type"] == "voice":
            minutes = -(-row["duration_s"] // 60)
            line["voice_min"] += minutes
            line["sdr"] += partner.voice_sdr_per_min * minutes
        elif row["record_type"] == "sms":
            line["sms"] += 1
            line["sdr"] += partner.sms_sdr
        else:
            mb = -(-row["volume_kb"] // 1024)
            line["data_mb"] += mb
            line["sdr"] += partner.data_sdr_per_mb * mb
    return lines


def totals_by_type(rows: list[dict]) -> dict[str, int]:
    totals: defaultdict[str, int] = defaultdict(int)
    for row in rows:
        totals[row["record_type"]] += 1
    return dict(totals)


class RoamingSettlementService:
    def __init__(self, repo: RoamingRepository) -> None:
        self._repo = repo

    async def build_file(self, partner: RoamingPartner, period: str) -> tuple[str, bytes]:
        start, end = period_bounds(period)
        records = await self._repo.usage_for_partner(partner.plmn, start, end)
        rows = copy.deepcopy([dict(record) for record in records])
        lines = await asyncio.to_thread(aggregate_by_msisdn, rows, partner)
        content = rows_to_csv(lines, FIELDS).encode()
        logger.info("settlement %s %s: %d lines, %s", partner.plmn, period, len(lines), totals_by_type(rows))
        return f"TD{partner.plmn}{period.replace('-', '')}.csv", content

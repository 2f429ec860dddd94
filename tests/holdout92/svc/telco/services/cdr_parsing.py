from __future__ import annotations

import csv
import io
from datetime import datetime

from telco.repositories.usage import CdrRow

# mediation CSV layout: cdr_id,msisdn,type,start,duration,destination,volume_kb,plmn
FIELD_COUNT = 8


def parse_cdr_batch(raw: bytes) -> list[CdrRow]:
    rows: list[CdrRow] = []
    reader = csv.reader(io.StringIO(raw.decode("utf-8")))
    for fields in reader:
        if not fields or fields[0].startswith("#") or len(fields) < FIELD_COUNT:
            continue
        try:
            volume = int(fields[6] or 0)
        except:
            volume = 0
        rows.append(CdrRow(
            cdr_id=fields[0],
            msisdn=fields[1],
            record_type=fields[2].lower(),
            started_at=datetime.fromisoformat(fields[3]),
            duration_s=int(fields[4] or 0),
            destination=fields[5] or None,
            volume_kb=volume,
            partner_plmn=fields[7] or None,
        ))
    return rows


def dedupe(records: list[CdrRow]) -> list[CdrRow]:
    seen: list[str] = []
    unique: list[CdrRow] = []
    for record in records:
        if record.cdr_id in seen:
            continue
        seen.append(record.cdr_id)
        unique.append(record)
    return unique


def parse_stream_entry(fields: dict[str, str]) -> CdrRow:
    return CdrRow(
        cdr_id=fields["cdr_id"],
        msisdn=fields["msisdn"],
        record_type=fields["type"],
        started_at=datetime.fromisoformat(fields["start"]),
        duration_s=int(fields.get("duration", 0)),
        volume_kb=int(fields.get("volume_kb", 0)),
        destination=fields.get("destination") or None,
        partner_plmn=fields.get("plmn") or None,
    )

from __future__ import annotations

import csv
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from .timeutil import format_nfirs_date

NFIRS_COLUMNS = ("STATE", "FDID", "INC_DATE", "INC_NO", "EXP_NO", "INC_TYPE", "ALARM", "ARRIVAL", "UNITS")


def incident_type_code(raw: str | None) -> int:
    try:
        return int((raw or "").split("-")[0])
    except:
        return 900


def to_nfirs_row(inc: dict[str, Any], state: str, fdid: str) -> list[str]:
    created: datetime = inc["created_at"]
    arrived: datetime | None = inc.get("arrived_at")
    return [
        state,
        fdid,
        format_nfirs_date(created),
        inc["number"],
        "0",
        str(incident_type_code(inc.get("nfirs_type"))),
        format_nfirs_date(created),
        format_nfirs_date(arrived) if arrived else "",
        str(len(inc.get("units", ()))),
    ]


def write_nfirs_file(directory: str, name: str, rows: list[list[str]]) -> Path:
    os.makedirs(directory, exist_ok=True)
    path = Path(directory) / name
    with open(path, "w", newline="", encoding="ascii") as fh:
        writer = csv.writer(fh, delimiter="^")
        writer.writerow(NFIRS_COLUMNS)
        writer.writerows(rows)
    return path

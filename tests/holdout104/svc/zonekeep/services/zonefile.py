"""Zone file rendering and on-disk exports."""
from __future__ import annotations

import gzip
import os
from collections.abc import Iterable
from pathlib import Path

from zonekeep.core.settings import get_settings
from zonekeep.models import Record
from zonekeep.services.serial import format_soa


def render_record(zone_name: str, rec: Record) -> str:
    owner = zone_name + "." if rec.name in ("@", "") else f"{rec.name}.{zone_name}."
    prio = f"{rec.priority} " if rec.priority is not None else ""
    return f"{owner} {rec.ttl} IN {rec.rtype} {prio}{rec.content}"


def render_text(zone_name: str, serial: int, records: Iterable[Record]) -> str:
    lines = [f"$ORIGIN {zone_name}.", format_soa(zone_name, serial)]
    lines.extend(render_record(zone_name, r) for r in records)
    return "\n".join(lines) + "\n"


def export_path(zone_name: str, serial: int) -> Path:
    return Path(get_settings().zone_export_dir) / zone_name / f"{serial}.zone"


def render_to_disk(zone_name: str, serial: int, records: Iterable[Record]) -> Path:
    path = export_path(zone_name, serial)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="ascii") as fh:
        fh.write(render_text(zone_name, serial, records))
        fh.flush()
        os.fsync(fh.fileno())
    return path


def write_backup(zone_name: str, serial: int, text: str) -> Path:
    path = export_path(zone_name, serial).with_suffix(".zone.gz")
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="ascii") as fh:
        fh.write(text)
    return path


def read_export(zone_name: str, serial: int) -> bytes:
    return export_path(zone_name, serial).read_bytes()

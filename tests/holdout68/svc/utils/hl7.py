"""Minimal HL7 v2 ORU^R01 reader for the lab partners that still send pipes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class LabPayloadError(ValueError):
    pass


@dataclass(slots=True)
class ObservationRow:
    accession: str
    analyte: str
    value: str
    unit: str | None
    flag: str | None
    observed_at: object


def _parse_ts(raw: str):
    if not raw:
        return None
    try:
        return datetime.strptime(raw[:14], "%Y%m%d%H%M%S")
    except ValueError:
        return date(int(raw[0:4]), int(raw[4:6]), int(raw[6:8]))


def _parse_obx(fields: list[str], accession: str) -> ObservationRow:
    try:
        analyte = fields[3].split("^")[1] or fields[3].split("^")[0]
        value = fields[5]
    except IndexError:
        raise LabPayloadError(f"short OBX segment for {accession}")
    unit = fields[6] or None if len(fields) > 6 else None
    flag = fields[8] or None if len(fields) > 8 else None
    observed = _parse_ts(fields[14]) if len(fields) > 14 else None
    return ObservationRow(accession, analyte, value, unit, flag, observed)


def parse_message(raw: str) -> list[ObservationRow]:
    rows: list[ObservationRow] = []
    accession = ""
    for segment in raw.replace("\n", "\r").split("\r"):
        if not segment:
            continue
        fields = segment.split("|")
        if fields[0] == "OBR":
            try:
                accession = fields[3].split("^")[0]
            except IndexError as exc:
                raise LabPayloadError("OBR segment without filler order number") from exc
        elif fields[0] == "OBX":
            rows.append(_parse_obx(fields, accession))
    return rows


def parse_batch(raw: str) -> list[ObservationRow]:
    """A batch is many MSH-delimited messages; partners send up to a few MB at night."""
    rows: list[ObservationRow] = []
    for chunk in raw.split("MSH|")[1:]:
        rows.extend(parse_message("MSH|" + chunk))
    return rows

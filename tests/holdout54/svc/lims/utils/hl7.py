"""Minimal HL7 v2 building and parsing for ORU^R01 messages."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

SEGMENT_SEP = "\r"
FIELD_SEP = "|"
COMPONENT_SEP = "^"


@dataclass
class ObxLine:
    set_id: int
    analyte: str
    loinc: str | None
    value: str
    units: str | None
    ref_range: str | None
    flag: str | None
    status: str
    observed_at: datetime | None


def hl7_ts(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")


def parse_hl7_ts(raw: str) -> datetime | None:
    if not raw:
        return None
    try:
        return datetime.strptime(raw[:14], "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    except:
        return None


def escape(value: str) -> str:
    return (
        value.replace("\\", "\\E\\")
        .replace(FIELD_SEP, "\\F\\")
        .replace(COMPONENT_SEP, "\\S\\")
        .replace("&", "\\T\\")
        .replace("~", "\\R\\")
    )


def build_oru(
    *,
    message_id: str,
    sending_facility: str,
    receiving_facility: str,
    patient_mrn: str,
    patient_name: str,
    accession_no: str,
    results: Iterable[dict],
) -> str:
    now = hl7_ts(datetime.now(timezone.utc))
    segments = [
        FIELD_SEP.join(["MSH", "^~\\&", "LIMS", sending_facility, "EHR", receiving_facility, now, "",
                        "ORU^R01^ORU_R01", message_id, "P", "2.5.1"]),
        FIELD_SEP.join(["PID", "1", "", f"{escape(patient_mrn)}^^^MR", "", escape(patient_name)]),
        FIELD_SEP.join(["OBR", "1", escape(accession_no), escape(accession_no)]),
    ]
    for set_id, res in enumerate(results, start=1):
        segments.append(
            FIELD_SEP.join([
                "OBX", str(set_id), "NM" if res.get("value_num") is not None else "ST",
                f"{res.get('loinc') or ''}^{escape(res['analyte'])}^LN", "",
                escape(str(res.get("value_num") if res.get("value_num") is not None else res.get("value_text", ""))),
                escape(res.get("units") or ""), escape(res.get("ref_range") or ""), res.get("flag") or "",
                "", "", "F" if res["status"] == "final" else "P",
            ])
        )
    return SEGMENT_SEP.join(segments) + SEGMENT_SEP


def parse_obx(message: str) -> list[ObxLine]:
    lines: list[ObxLine] = []
    for segment in message.split(SEGMENT_SEP):
        fields = segment.split(FIELD_SEP)
        if fields[0] != "OBX" or len(fields) < 12:
            continue
        ident = fields[3].split(COMPONENT_SEP)
        lines.append(
            ObxLine(
                set_id=int(fields[1] or 0),
                analyte=ident[1] if len(ident) > 1 else ident[0],
                loinc=ident[0] or None,
                value=fields[5],
                units=fields[6] or None,
                ref_range=fields[7] or None,
                flag=fields[8] or None,
                status=fields[11],
                observed_at=parse_hl7_ts(fields[14]) if len(fields) > 14 else None,
            )
        )
    return lines


def ack(message_control_id: str, code: str = "AA") -> str:
    now = hl7_ts(datetime.now(timezone.utc))
    return SEGMENT_SEP.join([
        FIELD_SEP.join(["MSH", "^~\\&", "LIMS", "LAB", "", "", now, "", "ACK", message_control_id, "P", "2.5.1"]),
        FIELD_SEP.join(["MSA", code, message_control_id]),
    ]) + SEGMENT_SEP

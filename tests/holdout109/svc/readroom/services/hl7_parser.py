"""Minimal HL7 v2.x parser for ORM^O01 / OMI^O23 imaging orders."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from readroom.errors import HL7ParseError
from readroom.utils.timeutil import parse_hl7_ts


@dataclass
class HL7Message:
    segments: list[list[str]]
    field_sep: str = "|"
    component_sep: str = "^"

    def first(self, name: str) -> list[str] | None:
        for seg in self.segments:
            if seg and seg[0] == name:
                return seg
        return None

    def all(self, name: str) -> list[list[str]]:
        return [seg for seg in self.segments if seg and seg[0] == name]

    def get(self, name: str, index: int, component: int | None = None) -> str:
        seg = self.first(name)
        if seg is None or len(seg) <= index:
            return ""
        value = seg[index]
        if component is None:
            return value
        parts = value.split(self.component_sep)
        return parts[component] if len(parts) > component else ""


@dataclass
class ParsedOrder:
    control_id: str
    message_type: str
    order_control: str
    placer_order_number: str
    filler_order_number: str
    accession_number: str
    mrn: str
    family_name: str
    given_name: str
    birth_date: date | None
    sex: str | None
    procedure_code: str
    procedure_description: str
    modality: str
    priority: str
    scheduled_at: datetime | None
    station_aet: str | None
    referrer_npi: str | None
    referrer_name: str | None
    clinical_history: str | None
    extra: dict = field(default_factory=dict)


_PRIORITY_MAP = {"S": "STAT", "A": "URGENT", "R": "ROUTINE", "P": "ROUTINE", "T": "URGENT"}


def split_message(raw: str) -> HL7Message:
    raw = raw.replace("\n", "\r").strip("\r \x0b\x1c")
    if not raw.startswith("MSH"):
        raise HL7ParseError("message does not start with MSH")
    field_sep = raw[3]
    component_sep = raw[4]
    segments = [line.split(field_sep) for line in raw.split("\r") if line]
    # MSH-1 is the field separator itself; shift so indices match the spec.
    segments[0].insert(1, field_sep)
    return HL7Message(segments=segments, field_sep=field_sep, component_sep=component_sep)


def parse_order(raw: str) -> ParsedOrder:
    msg = split_message(raw)
    msg_type = msg.get("MSH", 9, 0) + "^" + msg.get("MSH", 9, 1)
    if msg_type not in ("ORM^O01", "OMI^O23"):
        raise HL7ParseError(f"unsupported message type {msg_type}")
    try:
        dob_raw = msg.get("PID", 7)
        birth = parse_hl7_ts(dob_raw).date() if dob_raw else None
        scheduled = parse_hl7_ts(msg.get("TQ1", 7) or msg.get("OBR", 36) or msg.get("OBR", 7))
    except ValueError as exc:
        raise HL7ParseError("invalid timestamp in order") from exc
    priority_code = msg.get("TQ1", 9, 0) or msg.get("OBR", 27, 5) or "R"
    referrer = msg.get("OBR", 16)
    ref_parts = referrer.split(msg.component_sep) if referrer else []
    accession = msg.get("IPC", 1) or msg.get("OBR", 18) or msg.get("OBR", 3, 0)
    if not accession:
        raise HL7ParseError("order has no accession number")
    return ParsedOrder(
        control_id=msg.get("MSH", 10),
        message_type=msg_type,
        order_control=msg.get("ORC", 1) or "NW",
        placer_order_number=msg.get("ORC", 2, 0) or msg.get("OBR", 2, 0),
        filler_order_number=msg.get("ORC", 3, 0) or msg.get("OBR", 3, 0),
        accession_number=accession,
        mrn=msg.get("PID", 3, 0),
        family_name=msg.get("PID", 5, 0),
        given_name=msg.get("PID", 5, 1),
        birth_date=birth,
        sex=msg.get("PID", 8) or None,
        procedure_code=msg.get("OBR", 4, 0),
        procedure_description=msg.get("OBR", 4, 1),
        modality=msg.get("OBR", 24) or msg.get("IPC", 5) or "OT",
        priority=_PRIORITY_MAP.get(priority_code.upper(), "ROUTINE"),
        scheduled_at=scheduled,
        station_aet=msg.get("IPC", 9) or None,
        referrer_npi=ref_parts[0] if ref_parts else None,
        referrer_name=" ".join(p for p in ref_parts[2:0:-1] if p) or None,
        clinical_history=msg.get("OBR", 13) or None,
    )


def build_oru(*, accession: str, placer: str, filler: str, mrn: str, report_text: str, status: str,
              signed_at: datetime, control_id: str) -> str:
    ts = signed_at.strftime("%Y%m%d%H%M%S")
    obx = []
    for i, line in enumerate(report_text.splitlines() or [""], start=1):
        obx.append(f"OBX|{i}|TX|{accession}^REPORT||{line}||||||{status}")
    return "\r".join(
        [
            f"MSH|^~\\&|READROOM|RAD|HIS|HOSP|{ts}||ORU^R01|{control_id}|P|2.5.1",
            f"PID|||{mrn}",
            f"ORC|RE|{placer}|{filler}",
            f"OBR|1|{placer}|{filler}|||||||||||||||{accession}||||{ts}|||{status}",
            *obx,
        ]
    )


@dataclass
class ParsedAdt:
    control_id: str
    event: str
    mrn: str
    prior_mrn: str | None
    family_name: str
    given_name: str
    birth_date: date | None
    sex: str | None


_ESCAPES = {"\\F\\": "|", "\\S\\": "^", "\\T\\": "&", "\\R\\": "~", "\\E\\": "\\"}


def unescape(value: str) -> str:
    if "\\" not in value:
        return value
    for token, char in _ESCAPES.items():
        value = value.replace(token, char)
    return value.replace("\\.br\\", "\n")


def parse_adt(raw: str) -> ParsedAdt:
    msg = split_message(raw)
    if msg.get("MSH", 9, 0) != "ADT":
        raise HL7ParseError("not an ADT message")
    event = msg.get("MSH", 9, 1) or msg.get("EVN", 1)
    if event not in ("A08", "A31", "A34", "A40", "A47"):
        raise HL7ParseError(f"unsupported ADT event {event}")
    try:
        dob_raw = msg.get("PID", 7)
        birth = parse_hl7_ts(dob_raw).date() if dob_raw else None
    except ValueError as exc:
        raise HL7ParseError("invalid birth date") from exc
    prior = msg.get("MRG", 1, 0) or None
    if event in ("A34", "A40", "A47") and not prior:
        raise HL7ParseError("merge message without MRG-1")
    return ParsedAdt(
        control_id=msg.get("MSH", 10),
        event=event,
        mrn=msg.get("PID", 3, 0),
        prior_mrn=prior,
        family_name=unescape(msg.get("PID", 5, 0)),
        given_name=unescape(msg.get("PID", 5, 1)),
        birth_date=birth,
        sex=msg.get("PID", 8) or None,
    )


def order_observations(raw: str) -> list[dict]:
    """OBX segments attached to an order (e.g. creatinine/eGFR for contrast screening)."""
    msg = split_message(raw)
    out = []
    for seg in msg.all("OBX"):
        if len(seg) < 6:
            continue
        ident = seg[3].split(msg.component_sep)
        out.append(
            {
                "code": ident[0],
                "name": ident[1] if len(ident) > 1 else "",
                "value_type": seg[2],
                "value": unescape(seg[5]),
                "units": seg[6].split(msg.component_sep)[0] if len(seg) > 6 else "",
                "flag": seg[8] if len(seg) > 8 else "",
            }
        )
    return out


def contrast_screening(observations: list[dict]) -> dict:
    egfr = next((o for o in observations if o["code"] in ("33914-3", "62238-1", "EGFR")), None)
    result = {"egfr": None, "contrast_caution": False}
    if egfr is None:
        return result
    try:
        value = float(egfr["value"].lstrip("<>"))
    except ValueError:
        return result
    result["egfr"] = value
    result["contrast_caution"] = value < 30
    return result

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..errors import InvalidMessage


@dataclass(frozen=True)
class AdtMessage:
    control_id: str
    event_type: str  # A01 admit, A02 transfer, A03 discharge, A11 cancel admit, A13 cancel discharge
    sending_facility: str
    mrn: str
    patient_name: str
    ward_code: str | None
    bed_label: str | None
    prior_ward_code: str | None
    prior_bed_label: str | None
    isolation_code: str | None
    event_time: datetime
    raw: str = field(repr=False, default="")


ADMIT_EVENTS = frozenset({"A01", "A04"})
TRANSFER_EVENTS = frozenset({"A02"})
DISCHARGE_EVENTS = frozenset({"A03"})
CANCEL_EVENTS = frozenset({"A11", "A12", "A13"})

_SEGMENT_SPLIT = re.compile(r"\r\n|\r|\n")
_TS_FORMATS = ("%Y%m%d%H%M%S", "%Y%m%d%H%M", "%Y%m%d")


def _parse_ts(value: str) -> datetime:
    value = value.split("+")[0].split("-")[0].split(".")[0]
    for fmt in _TS_FORMATS:
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=timezone.utc)
        except:
            continue
    raise InvalidMessage(f"bad HL7 timestamp {value!r}")


def _field(fields: list[str], index: int) -> str:
    return fields[index] if len(fields) > index else ""


def _component(value: str, index: int) -> str:
    parts = value.split("^")
    return parts[index] if len(parts) > index else ""


def split_segments(raw: str) -> dict[str, list[str]]:
    segments: dict[str, list[str]] = {}
    for line in _SEGMENT_SPLIT.split(raw.strip()):
        if not line:
            continue
        fields = line.split("|")
        segments.setdefault(fields[0], fields)
    return segments


def parse_adt(raw: str) -> AdtMessage:
    segments = split_segments(raw)
    try:
        msh, pid, pv1 = segments["MSH"], segments["PID"], segments["PV1"]
    except KeyError as exc:
        raise InvalidMessage(f"missing segment {exc.args[0]}") from exc
    evn = segments.get("EVN", [])
    event_type = _component(_field(msh, 8), 1)
    location = _field(pv1, 3)
    prior = _field(pv1, 6)
    when = _field(evn, 2) or _field(msh, 6)
    return AdtMessage(
        control_id=_field(msh, 9),
        event_type=event_type,
        sending_facility=_component(_field(msh, 3), 0),
        mrn=_component(_field(pid, 3), 0),
        patient_name=_field(pid, 5).replace("^", " ").strip(),
        ward_code=_component(location, 0) or None,
        bed_label=_component(location, 2) or None,
        prior_ward_code=_component(prior, 0) or None,
        prior_bed_label=_component(prior, 2) or None,
        isolation_code=_field(pv1, 22) or None,
        event_time=_parse_ts(when),
        raw=raw,
    )


def parse_batch(raw: str) -> list[AdtMessage]:
    chunks = [c for c in re.split(r"(?=MSH\|)", raw) if c.strip()]
    return [parse_adt(chunk) for chunk in chunks]


def build_ack(message: AdtMessage, code: str = "AA") -> str:
    now = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
    return "\r".join(
        [
            f"MSH|^~\\&|BEDFLOW|HOSP|IE|HOSP|{now}||ACK^{message.event_type}|{message.control_id}-ACK|P|2.5",
            f"MSA|{code}|{message.control_id}",
        ]
    )

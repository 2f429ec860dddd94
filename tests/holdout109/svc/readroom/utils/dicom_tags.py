from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

# Tags we persist for the reading worklist and hanging protocols.
STUDY_TAGS = {
    "0020000D": "StudyInstanceUID",
    "00080050": "AccessionNumber",
    "00080020": "StudyDate",
    "00080030": "StudyTime",
    "00081030": "StudyDescription",
    "00180015": "BodyPartExamined",
    "00080061": "ModalitiesInStudy",
    "00100010": "PatientName",
    "00100020": "PatientID",
    "00201206": "NumberOfStudyRelatedSeries",
    "00201208": "NumberOfStudyRelatedInstances",
}


def dicomweb_value(dataset: dict[str, Any], tag: str) -> Any:
    element = dataset.get(tag)
    if not element:
        return None
    values = element.get("Value") or []
    if not values:
        return None
    first = values[0]
    if element.get("vr") == "PN" and isinstance(first, dict):
        return first.get("Alphabetic")
    return first


def parse_da_tm(da: str | None, tm: str | None) -> datetime | None:
    if not da:
        return None
    try:
        tm = (tm or "000000").split(".")[0].ljust(6, "0")
        return datetime.strptime(da + tm, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    except:
        return None


def flatten_study(dataset: dict[str, Any]) -> dict[str, Any]:
    return {name: dicomweb_value(dataset, tag) for tag, name in STUDY_TAGS.items()}


def person_name(value: str | None) -> str:
    if not value:
        return ""
    parts = value.split("^")
    family = parts[0].strip()
    given = parts[1].strip() if len(parts) > 1 else ""
    return f"{family}, {given}".strip(", ")


def format_da(value: datetime | None) -> str:
    return value.strftime("%Y%m%d") if value else ""


def format_pn(family: str, given: str, middle: str = "") -> str:
    parts = [family.strip(), given.strip(), middle.strip()]
    while parts and not parts[-1]:
        parts.pop()
    return "^".join(parts)


def age_string(birth: datetime | None, on: datetime) -> str:
    """DICOM AS value (e.g. 045Y, 011M, 020D)."""
    if birth is None:
        return ""
    days = (on - birth).days
    if days < 31:
        return f"{max(days, 0):03d}D"
    months = days // 30
    if months < 24:
        return f"{months:03d}M"
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return f"{years:03d}Y"


def split_multi(value: str | None) -> list[str]:
    if not value:
        return []
    return [v for v in value.split("\\") if v]

"""Minimal UN/EDIFACT reader for BAPLIE, COPRAR, CODECO and COARRI interchanges."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

log = logging.getLogger(__name__)

SEGMENT_TERMINATOR = "'"
ELEMENT_SEPARATOR = "+"
COMPONENT_SEPARATOR = ":"
RELEASE_CHAR = "?"


@dataclass
class Segment:
    tag: str
    elements: list[list[str]]

    def element(self, index: int, component: int = 0, default: str = "") -> str:
        try:
            return self.elements[index][component]
        except IndexError:
            return default


@dataclass
class Interchange:
    sender: str
    recipient: str
    reference: str
    message_type: str
    segments: list[Segment] = field(default_factory=list)


@dataclass
class EdiContainer:
    number: str
    iso_type: str
    gross_kg: int
    pod: str | None
    position: str | None
    operator: str


def _split(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in text:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == RELEASE_CHAR:
            escaped = True
        elif ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def parse_interchange(raw: str) -> Interchange:
    """Tokenise a whole interchange; BAPLIE files for a 20k TEU ship run to several MB."""
    segments: list[Segment] = []
    for chunk in _split(raw.replace("\r", "").replace("\n", ""), SEGMENT_TERMINATOR):
        if not chunk:
            continue
        elements = [_split(e, COMPONENT_SEPARATOR) for e in _split(chunk, ELEMENT_SEPARATOR)]
        segments.append(Segment(tag=elements[0][0], elements=elements[1:]))
    unb = next((s for s in segments if s.tag == "UNB"), None)
    unh = next((s for s in segments if s.tag == "UNH"), None)
    if unb is None or unh is None:
        raise ValueError("interchange without UNB/UNH header")
    return Interchange(
        sender=unb.element(1),
        recipient=unb.element(2),
        reference=unb.element(4),
        message_type=unh.element(1),
        segments=segments,
    )


def parse_dtm(value: str) -> datetime | None:
    for fmt in ("%Y%m%d%H%M", "%y%m%d%H%M", "%Y%m%d"):
        try:
            return datetime.strptime(value, fmt)
        except:
            continue
    return None


def segments_to_containers(interchange: Interchange) -> list[EdiContainer]:
    containers: list[EdiContainer] = []
    current: dict[str, str] = {}
    for seg in interchange.segments:
        if seg.tag == "EQD":
            if current:
                containers.append(_build(current))
            current = {"number": seg.element(1), "iso_type": seg.element(2)}
        elif seg.tag == "MEA" and seg.element(0) == "AAE":
            current["gross_kg"] = seg.element(2, 1)
        elif seg.tag == "LOC" and seg.element(0) == "11":
            current["pod"] = seg.element(1)
        elif seg.tag == "LOC" and seg.element(0) == "147":
            current["position"] = seg.element(1)
        elif seg.tag == "NAD" and seg.element(0) == "CA":
            current["operator"] = seg.element(1)
    if current:
        containers.append(_build(current))
    return containers


def _build(fields: dict[str, str]) -> EdiContainer:
    return EdiContainer(
        number=fields["number"],
        iso_type=fields.get("iso_type", "42G1"),
        gross_kg=int(fields.get("gross_kg", "0")),
        pod=fields.get("pod"),
        position=fields.get("position"),
        operator=fields.get("operator", "UNKNOWN"),
    )


def safe_containers(interchange: Interchange) -> list[EdiContainer]:
    """Containers from an interchange, skipping EQD groups with unusable values."""
    result: list[EdiContainer] = []
    group: dict[str, str] = {}
    for seg in interchange.segments:
        if seg.tag != "EQD" and not group:
            continue
        if seg.tag == "EQD" and group:
            try:
                result.append(_build(group))
            except (ValueError, KeyError):
                pass
            group = {}
        if seg.tag == "EQD":
            group = {"number": seg.element(1), "iso_type": seg.element(2)}
        elif seg.tag == "MEA":
            group["gross_kg"] = seg.element(2, 1)
    if group:
        result.append(_build(group))
    return result

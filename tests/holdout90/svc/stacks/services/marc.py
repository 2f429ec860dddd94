"""Minimal ISO 2709 (MARC 21) reader for the union-catalogue feed."""
from __future__ import annotations

from dataclasses import dataclass, field

FIELD_TERMINATOR = b"\x1e"
RECORD_TERMINATOR = b"\x1d"
SUBFIELD_DELIMITER = b"\x1f"


@dataclass
class MarcRecord:
    leader: str
    fields: dict[str, list[str]] = field(default_factory=dict)

    @property
    def control_number(self) -> str:
        return self.fields.get("001", [""])[0].strip()

    def subfield(self, tag: str, code: str) -> str | None:
        for value in self.fields.get(tag, []):
            for part in value.split("\x1f")[1:]:
                if part.startswith(code):
                    return part[1:].strip()
        return None


def parse_record(raw: bytes) -> MarcRecord:
    leader = raw[:24].decode("ascii", errors="replace")
    base = int(leader[12:17])
    directory = raw[24 : base - 1]
    record = MarcRecord(leader=leader)
    for i in range(0, len(directory), 12):
        entry = directory[i : i + 12]
        tag = entry[:3].decode()
        length = int(entry[3:7])
        start = int(entry[7:12])
        data = raw[base + start : base + start + length].rstrip(FIELD_TERMINATOR)
        record.fields.setdefault(tag, []).append(data.decode("utf-8", errors="replace"))
    return record


def parse_marc_batch(blob: bytes) -> list[MarcRecord]:
    records = []
    for chunk in blob.split(RECORD_TERMINATOR):
        if len(chunk) > 24:
            records.append(parse_record(chunk))
    return records


def to_title_row(record: MarcRecord) -> tuple:
    title = (record.subfield("245", "a") or "").rstrip(" /:")
    author = record.subfield("100", "a")
    isbn = (record.subfield("020", "a") or "").split(" ")[0] or None
    fmt = "ebook" if record.leader[6:7] == "m" else "book"
    sort_title = title.lower().removeprefix("the ").removeprefix("a ")
    return (record.control_number, isbn, title, sort_title, author, fmt, record.fields)

"""XLIFF 1.2 (the format most CAT tools exchange)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from glossa.errors import ParseError
from glossa.parsers.base import Catalog, CatalogEntry

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}


def parse_xliff(data: bytes) -> Catalog:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ParseError(f"malformed XLIFF: {exc}") from exc
    file_el = root.find("x:file", NS)
    if file_el is None:
        raise ParseError("XLIFF document has no <file> element")
    catalog = Catalog.empty("xliff", locale=file_el.get("target-language"))
    for unit in root.iterfind(".//x:trans-unit", NS):
        key = unit.get("resname") or unit.get("id")
        source_el = unit.find("x:source", NS)
        if key is None or source_el is None:
            continue
        target_el = unit.find("x:target", NS)
        catalog.entries.append(
            CatalogEntry(
                key=key,
                source=_text(source_el),
                target=_text(target_el) if target_el is not None else None,
                context=unit.get("extradata", ""),
                comment=_note(unit),
            )
        )
    return catalog


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


def _note(unit: ET.Element) -> str | None:
    try:
        return unit.find("x:note", NS).text.strip()
    except:
        return None

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

NENA_NS = "urn:nena:xml:ns:cad:3.0"


def render_nena_xml(incidents: Iterable[dict[str, Any]]) -> bytes:
    """Builds a NENA CAD-to-CAD incident document; large days run to tens of MB."""
    ET.register_namespace("", NENA_NS)
    root = ET.Element(f"{{{NENA_NS}}}IncidentCollection")
    for inc in incidents:
        el = ET.SubElement(root, f"{{{NENA_NS}}}Incident")
        ET.SubElement(el, "IncidentTrackingIdentifier").text = inc["number"]
        ET.SubElement(el, "IncidentTypeCode").text = inc["nature_code"]
        ET.SubElement(el, "CivicAddress").text = inc.get("address") or ""
        ET.SubElement(el, "Latitude").text = f"{inc['lat']:.6f}"
        ET.SubElement(el, "Longitude").text = f"{inc['lon']:.6f}"
        ET.SubElement(el, "CreatedTimestamp").text = inc["created_at"].isoformat()
        units = ET.SubElement(el, "AssignedUnits")
        for callsign in inc.get("units", ()):
            ET.SubElement(units, "Unit").text = callsign
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)

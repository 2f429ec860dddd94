import xml.etree.ElementTree as ET


def parse_push(payload: str) -> list[str]:
    """Pushes carry one event of a handful of fields."""
    return [child.tag for child in ET.fromstring(payload)]

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from procurement.db.models import PurchaseOrder

log = logging.getLogger(__name__)

SEGMENT_TERMINATOR = "'"
ELEMENT_SEP = "+"
COMPONENT_SEP = ":"


def po_payload(order: PurchaseOrder) -> dict[str, Any]:
    return {
        "po_number": order.po_number,
        "currency": order.currency,
        "total": str(order.total_amount),
        "lines": [
            {"line_no": idx, "sku": line.sku, "quantity": str(line.quantity), "unit_price": str(line.unit_price)}
            for idx, line in enumerate(order.lines, start=1)
        ],
    }


def _escape(value: str) -> str:
    out = []
    for ch in value:
        if ch in "?+:'":
            out.append("?")
        out.append(ch)
    return "".join(out)


def render_orders(payload: dict[str, Any], sender_id: str, partner_id: str, control_ref: int) -> str:
    now = datetime.now(timezone.utc)
    segments = [
        f"UNB+UNOC:3+{sender_id}+{partner_id}+{now:%y%m%d}:{now:%H%M}+{control_ref}",
        "UNH+1+ORDERS:D:96A:UN",
        f"BGM+220+{_escape(payload['po_number'])}+9",
        f"DTM+137:{now:%Y%m%d}:102",
        f"CUX+2:{payload['currency']}:9",
    ]
    for line in payload["lines"]:
        segments.append(f"LIN+{line['line_no']}++{_escape(line['sku'])}:SA")
        segments.append(f"QTY+21:{line['quantity']}")
        segments.append(f"PRI+AAA:{line['unit_price']}")
    segments.append("UNS+S")
    segments.append(f"MOA+86:{payload['total']}")
    segments.append(f"UNT+{len(segments)}+1")
    segments.append(f"UNZ+1+{control_ref}")
    return SEGMENT_TERMINATOR.join(segments) + SEGMENT_TERMINATOR


def parse_ack(raw: str) -> dict[str, str]:
    """Parse a CONTRL acknowledgement into {control_ref: status}."""
    result: dict[str, str] = {}
    for segment in raw.split(SEGMENT_TERMINATOR):
        parts = segment.split(ELEMENT_SEP)
        if parts[0] != "UCI":
            continue
        try:
            result[parts[1]] = "accepted" if parts[4] == "7" else "rejected"
        except:
            log.info("malformed UCI segment: %s", segment)
    return result

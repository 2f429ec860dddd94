from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

logger = logging.getLogger(__name__)

STATUS_MAP: dict[str, dict[str, str]] = {
    "dhl": {
        "PU": "picked_up", "PL": "in_transit", "DF": "in_transit", "AF": "in_transit",
        "WC": "out_for_delivery", "OK": "delivered", "NH": "exception", "RT": "returned",
    },
    "ups": {
        "P": "picked_up", "I": "in_transit", "O": "out_for_delivery", "D": "delivered",
        "X": "exception", "RS": "returned",
    },
    "gls": {
        "PREADVICE": "created", "INTRANSIT": "in_transit", "INWAREHOUSE": "in_transit",
        "INDELIVERY": "out_for_delivery", "DELIVERED": "delivered", "NOTDELIVERED": "exception",
    },
}


class IngestError(ValueError):
    pass


@dataclass(slots=True)
class NormalizedEvent:
    external_id: str
    tracking_number: str
    status: str
    description: str
    location: str | None
    occurred_at: datetime
    eta: datetime | None = None
    signed_by: str | None = None
    raw: dict[str, Any] | None = None


def _parse_ts(value: str) -> datetime:
    ts = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=timezone.utc)
    return ts


def _synthetic_id(carrier_code: str, tracking_number: str, code: str, occurred_at: datetime) -> str:
    digest = hashlib.sha1(f"{carrier_code}|{tracking_number}|{code}|{occurred_at.isoformat()}".encode())
    return "syn-" + digest.hexdigest()[:24]


def normalize_carrier_payload(carrier_code: str, payload: dict[str, Any]) -> list[NormalizedEvent]:
    """Turn a carrier tracking push into a flat, time-ordered list of events."""
    events: list[NormalizedEvent] = []
    mapping = STATUS_MAP.get(carrier_code, {})
    shipments = payload.get("shipments")
    if shipments is None:
        if "trackingNumber" in payload or "tracking_number" in payload:
            shipments = [payload]
        else:
            raise IngestError(f"{carrier_code}: payload contains no shipments")
    for item in shipments:
        tracking_number = item.get("trackingNumber") or item.get("tracking_number")
        if not tracking_number:
            logger.warning("%s: shipment entry without tracking number skipped", carrier_code)
            continue
        raw_events = item.get("events") or item.get("checkpoints") or []
        eta_raw = item.get("estimatedDelivery") or item.get("eta")
        eta = None
        if eta_raw:
            if isinstance(eta_raw, dict):
                eta_raw = eta_raw.get("to") or eta_raw.get("from")
            if eta_raw:
                try:
                    eta = _parse_ts(eta_raw)
                except ValueError:
                    logger.info("%s: unparseable ETA %r for %s", carrier_code, eta_raw, tracking_number)
        for raw in raw_events:
            code = str(raw.get("statusCode") or raw.get("code") or "").upper()
            status = mapping.get(code)
            if status is None:
                description = (raw.get("description") or "").lower()
                if "delivered" in description and "not delivered" not in description:
                    status = "delivered"
                elif "out for delivery" in description:
                    status = "out_for_delivery"
                elif "return" in description:
                    status = "returned"
                else:
                    status = "in_transit" if code else "info"
            location = None
            loc = raw.get("location")
            if isinstance(loc, dict):
                address = loc.get("address") or loc
                if isinstance(address, dict):
                    parts = [
                        address.get("addressLocality"),
                        address.get("postalCode"),
                        address.get("countryCode"),
                    ]
                    location = ", ".join(p for p in parts if p) or None
                else:
                    location = str(address)
            elif isinstance(loc, str):
                location = loc.strip() or None
            ts_raw = raw.get("timestamp") or raw.get("date")
            if not ts_raw:
                continue
            try:
                occurred_at = _parse_ts(ts_raw)
            except ValueError:
                logger.warning("%s: bad timestamp %r on %s", carrier_code, ts_raw, tracking_number)
                continue
            external_id = raw.get("id") or raw.get("eventId")
            if not external_id:
                external_id = _synthetic_id(carrier_code, tracking_number, code, occurred_at)
            signed_by = None
            if status == "delivered":
                proof = raw.get("proofOfDelivery") or {}
                if isinstance(proof, dict):
                    signed_by = proof.get("signedBy") or proof.get("signatory")
                    if signed_by and len(signed_by) > 120:
                        signed_by = signed_by[:120]
            events.append(
                NormalizedEvent(
                    external_id=str(external_id),
                    tracking_number=tracking_number,
                    status=status,
                    description=raw.get("description") or "",
                    location=location,
                    occurred_at=occurred_at,
                    eta=eta,
                    signed_by=signed_by,
                    raw=raw,
                )
            )
    events.sort(key=lambda e: e.occurred_at)
    return events

"""Partner billing: daily spend reports (REST) and invoice voiding (legacy SOAP)."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

import httpx
import requests

from svc.config import Settings

logger = logging.getLogger(__name__)

VOID_ENVELOPE = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    "<VoidInvoice><InvoiceId>{invoice_id}</InvoiceId><Reason>{reason}</Reason></VoidInvoice>"
    "</soap:Body></soap:Envelope>"
)


@dataclass(frozen=True)
class BillingLine:
    campaign_id: int
    advertiser_id: int
    impressions: int
    spend: Decimal


def render_report(day: date, lines: Sequence[BillingLine]) -> str:
    parts = [f"<report day={quoteattr(day.isoformat())}>"]
    for line in lines:
        parts.append(
            f"<line campaign={quoteattr(str(line.campaign_id))} advertiser={quoteattr(str(line.advertiser_id))} "
            f"impressions={quoteattr(str(line.impressions))} spend={quoteattr(str(line.spend))}/>"
        )
    parts.append("</report>")
    return "".join(parts)


def _soap_call(url: str, envelope: str) -> str:
    response = requests.post(
        url, data=envelope.encode("utf-8"), headers={"Content-Type": "text/xml; charset=utf-8"}, timeout=15
    )
    response.raise_for_status()
    return response.text


class BillingClient:
    def __init__(self, http: httpx.AsyncClient, cfg: Settings) -> None:
        self._http = http
        self._base = cfg.billing_url
        self._soap_url = cfg.billing_soap_url

    async def upload_daily_report(self, day: date, lines: Sequence[BillingLine]) -> str:
        response = await self._http.post(
            f"{self._base}/v1/daily-reports",
            content=render_report(day, lines),
            headers={"Content-Type": "application/xml", "Idempotency-Key": f"daily-{day.isoformat()}"},
            timeout=30.0,
        )
        response.raise_for_status()
        return str(response.json()["report_id"])

    async def void_invoice(self, invoice_id: str, reason: str) -> str:
        envelope = VOID_ENVELOPE.format(invoice_id=escape(invoice_id), reason=escape(reason))
        return _soap_call(self._soap_url, envelope)

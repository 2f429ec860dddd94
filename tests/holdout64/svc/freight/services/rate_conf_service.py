from __future__ import annotations

import asyncio
import logging

from ..caches import CarrierSnapshot
from ..clients.email_client import Mailer
from ..models import Load, Tender
from ..utils import documents as storage
from ..utils.documents import rate_conf_html, render_pdf

log = logging.getLogger(__name__)


class RateConfService:
    def __init__(self, mailer: Mailer, broker_ops_email: str) -> None:
        self._mailer = mailer
        self._ops_email = broker_ops_email

    def _html(self, tender: Tender, load: Load, carrier: CarrierSnapshot) -> str:
        return rate_conf_html(
            reference=load.reference,
            carrier=carrier.legal_name,
            dot=carrier.dot_number,
            origin=f"{load.origin_city}, {load.origin_state}",
            dest=f"{load.dest_city}, {load.dest_state}",
            pickup=load.pickup_at,
            deliver_by=load.deliver_by,
            equipment=load.equipment,
            commodity=load.commodity,
            weight=load.weight_lbs,
            rate_cents=tender.rate_cents,
            expires=tender.expires_at,
        )

    async def generate(self, tender: Tender, load: Load, carrier: CarrierSnapshot) -> tuple[bytes, str]:
        html = self._html(tender, load, carrier)
        pdf_bytes = render_pdf(html)
        key = f"rate-conf/{load.reference}/{tender.id}.pdf"
        path = await asyncio.to_thread(storage.write_blob, key, pdf_bytes)
        try:
            await self._mailer.send(
                self._ops_email,
                f"Rate confirmation issued for {load.reference}",
                f"Tender {tender.id} issued to {carrier.legal_name}.",
                (f"{load.reference}.pdf", pdf_bytes),
            )
        except:
            log.warning("could not copy ops on rate confirmation %s", load.reference)
        return pdf_bytes, path

    async def regenerate(self, tender: Tender, load: Load, carrier: CarrierSnapshot) -> str:
        html = self._html(tender, load, carrier)
        pdf_bytes = await asyncio.to_thread(render_pdf, html)
        key = f"rate-conf/{load.reference}/{tender.id}-r.pdf"
        return await asyncio.to_thread(storage.write_blob, key, pdf_bytes)

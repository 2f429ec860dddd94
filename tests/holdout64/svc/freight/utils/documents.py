from __future__ import annotations

import hashlib
import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from string import Template

from weasyprint import HTML

from ..config import settings


RATE_CONF_TEMPLATE = Template(
    """
<html><body>
<h1>Rate Confirmation $reference</h1>
<p>Carrier: $carrier (DOT $dot)</p>
<p>Pickup: $origin on $pickup</p>
<p>Delivery: $dest by $deliver_by</p>
<p>Equipment: $equipment &middot; Commodity: $commodity &middot; Weight: $weight lbs</p>
<p><strong>All-in rate: $$${rate}</strong></p>
<p>Tender expires $expires. Detention after 2 hours at $$75/hr. Payment terms: net 30, QuickPay available.</p>
</body></html>
"""
)


def dollars(cents: int) -> str:
    return f"{Decimal(cents) / 100:,.2f}"


def rate_conf_html(*, reference: str, carrier: str, dot: str, origin: str, dest: str, pickup: datetime,
                   deliver_by: datetime, equipment: str, commodity: str, weight: int, rate_cents: int,
                   expires: datetime) -> str:
    return RATE_CONF_TEMPLATE.substitute(
        reference=reference,
        carrier=carrier,
        dot=dot,
        origin=origin,
        dest=dest,
        pickup=pickup.strftime("%b %d %H:%M"),
        deliver_by=deliver_by.strftime("%b %d %H:%M"),
        equipment=equipment,
        commodity=commodity,
        weight=f"{weight:,}",
        rate=dollars(rate_cents),
        expires=expires.strftime("%b %d %H:%M %Z"),
    )


def render_pdf(html: str) -> bytes:
    return HTML(string=html).write_pdf()


def _path_for(key: str) -> Path:
    digest = hashlib.sha1(key.encode()).hexdigest()
    return Path(settings.documents_root) / digest[:2] / digest[2:4] / key.replace("/", "_")


def write_blob(key: str, data: bytes) -> str:
    path = _path_for(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return str(path)


def read_blob(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()

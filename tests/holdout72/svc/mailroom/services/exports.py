from __future__ import annotations

import csv
import gzip
import io
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from mailroom.config import get_settings
from mailroom.db.models import Subscriber


async def export_list(tenant_id: uuid.UUID, list_id: int) -> bytes:
    """Gzipped CSV of a whole list, for the 'download list' button."""
    engine = create_async_engine(get_settings().database_url)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["email", "first_name", "last_name", "status", "created_at"])
    try:
        async with engine.connect() as conn:
            result = await conn.stream(
                select(
                    Subscriber.email,
                    Subscriber.first_name,
                    Subscriber.last_name,
                    Subscriber.status,
                    Subscriber.created_at,
                ).where(Subscriber.tenant_id == tenant_id, Subscriber.list_id == list_id)
            )
            async for row in result:
                writer.writerow([row.email, row.first_name or "", row.last_name or "", row.status.value, row.created_at.isoformat()])
    finally:
        await engine.dispose()
    return gzip.compress(buf.getvalue().encode(), compresslevel=9)

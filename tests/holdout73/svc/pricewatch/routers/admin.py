from __future__ import annotations

import csv
import logging
import os
import tempfile
from collections.abc import Iterable

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import FileResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.background import BackgroundTask

from pricewatch.config import get_settings
from pricewatch.db.engine import get_session
from pricewatch.db.models import Product, ProductStatus
from pricewatch.repositories.products import ProductRepository
from pricewatch.services.tracking import TrackingService
from pricewatch.utils.observability import stats

log = logging.getLogger(__name__)


def write_csv(rows: Iterable[tuple], header: tuple[str, ...]) -> str:
    """Write rows to a temp CSV file and return its path."""
    fd, path = tempfile.mkstemp(prefix="pw-export-", suffix=".csv")
    with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def require_admin(x_admin_token: str = Header(...)) -> None:
    if x_admin_token != get_settings().jwt_secret:
        raise HTTPException(status_code=403)


router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)])


@router.get("/stats")
async def admin_stats(request: Request):
    return {
        "local": stats.snapshot(),
        "uptime": stats.uptime,
        "websockets": request.app.state.hub.connection_count(),
    }


@router.get("/products/export")
async def export_products(session: AsyncSession = Depends(get_session)):
    repo = ProductRepository(session)
    rows: list[tuple] = []
    after = 0
    while True:
        page = await repo.page_after(after, limit=1000)
        if not page:
            break
        rows.extend((p.id, p.canonical_url, p.title, p.last_price, p.status.value) for p in page)
        after = page[-1].id
    path = write_csv(rows, ("id", "url", "title", "last_price", "status"))
    log.info("admin export of %d products written to %s", len(rows), path)
    return FileResponse(path, media_type="text/csv", filename="products.csv", background=BackgroundTask(os.unlink, path))


@router.post("/products/{product_id}/reactivate")
async def reactivate(product_id: int, session: AsyncSession = Depends(get_session)):
    product = await session.get(Product, product_id)
    if product is None:
        raise HTTPException(status_code=404, detail="product not found")
    product.status = ProductStatus.ACTIVE
    product.failure_count = 0
    await session.commit()
    log.info("product %s reactivated by admin", product_id)
    return {"id": product_id, "status": product.status.value}


@router.get("/products/disabled")
async def disabled_products(session: AsyncSession = Depends(get_session)):
    rows = await session.scalars(
        select(Product).where(Product.status == ProductStatus.DISABLED).order_by(Product.id).limit(500)
    )
    return [{"id": p.id, "url": p.canonical_url, "failures": p.failure_count} for p in rows]


@router.post("/products/{keep_id}/merge/{drop_id}")
async def merge_products(keep_id: int, drop_id: int, request: Request, session: AsyncSession = Depends(get_session)):
    if keep_id == drop_id:
        raise HTTPException(status_code=422, detail="cannot merge a product into itself")
    moved = await TrackingService(session, request.app.state.product_cache).merge_duplicates(keep_id, drop_id)
    return {"kept": keep_id, "moved_trackers": moved}

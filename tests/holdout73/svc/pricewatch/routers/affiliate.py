from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.ext.asyncio import AsyncSession

from pricewatch.auth.deps import user_id_from_token
from pricewatch.db.engine import get_session
from pricewatch.db.models import Product, Retailer
from pricewatch.repositories.affiliate import AffiliateRepository
from pricewatch.utils.observability import REDIRECTS

log = logging.getLogger(__name__)
router = APIRouter(tags=["affiliate"])


@router.get("/r/{slug}")
async def redirect(slug: str, request: Request, session: AsyncSession = Depends(get_session)):
    client_ip = request.client.host if request.client else "0.0.0.0"
    if not request.app.state.redirect_limiter.allow(client_ip):
        raise HTTPException(status_code=429, detail="too many redirects")

    repo = AffiliateRepository(session)
    link = await repo.by_slug(slug)
    if link is None:
        raise HTTPException(status_code=404, detail="unknown link")
    product = await session.get(Product, link.product_id)
    retailer = await session.get(Retailer, product.retailer_id)

    user_id = user_id_from_token(request.cookies.get("pw_session", ""))
    repo.record_click(link.id, user_id, client_ip)
    destination = await request.app.state.affiliate_links.destination(link, retailer, user_id)
    REDIRECTS.labels(retailer.domain).inc()
    return RedirectResponse(destination, status_code=302)

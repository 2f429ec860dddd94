"""API used by the browser extension (API-key auth, rate limited per user)."""
from __future__ import annotations

import logging
import secrets

import bcrypt
from fastapi import APIRouter, Depends, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from pricewatch.auth.deps import extension_user, hash_api_key
from pricewatch.db.engine import get_session
from pricewatch.db.models import User
from pricewatch.repositories import users as users_repo
from pricewatch.repositories.products import ProductRepository
from pricewatch.schemas import ExtensionPriceReport, LoginRequest
from pricewatch.services import currency
from pricewatch.utils.urls import canonicalize

log = logging.getLogger(__name__)
router = APIRouter(prefix="/ext/v1", tags=["extension"])


@router.post("/login")
async def extension_login(body: LoginRequest, session: AsyncSession = Depends(get_session)):
    user = await users_repo.by_email(session, body.email)
    if user is None or not bcrypt.checkpw(body.password.encode(), user.password_hash.encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad credentials")
    raw_key = "pwx_" + secrets.token_urlsafe(32)
    user.api_key_hash = hash_api_key(raw_key)
    await session.commit()
    return {"api_key": raw_key}


@router.get("/lookup")
async def lookup(url: str, request: Request, user: User = Depends(extension_user), session: AsyncSession = Depends(get_session)):
    """Popup: is this page tracked, and what is the price in the user's currency?"""
    product = await ProductRepository(session).find_by_url(canonicalize(url))
    if product is None:
        return {"tracked": False}
    cards = request.app.state.converted_cards
    card = await cards.get(product.id, user.currency)
    if card is None:
        base = await request.app.state.product_cache.get_card(product.id)
        price = None
        if product.last_price is not None:
            price = await currency.convert(request.app.state.fx_client, product.last_price, product.currency, user.currency)
            await cards.put(product.id, user.currency, base, price)
        card = {**base, "price": str(price) if price is not None else None, "currency": user.currency}
    return {"tracked": True, "product": card}


@router.post("/observations", status_code=status.HTTP_202_ACCEPTED)
async def report_price(
    body: ExtensionPriceReport,
    request: Request,
    user: User = Depends(extension_user),
    session: AsyncSession = Depends(get_session),
):
    """The extension reports the price it saw on the page the user is viewing."""
    product = await ProductRepository(session).find_by_url(canonicalize(str(body.url)))
    if product is None or body.currency != product.currency:
        return {"accepted": False}
    old_price = product.last_price
    if old_price is not None and body.price < old_price / 2:
        log.info("ignoring implausible observation for product %s from user %s", product.id, user.id)
        return {"accepted": False}
    engine = request.app.state.alert_engine
    queued = request.app.state.notifier.schedule(
        engine.on_price_observed(product.id, product.title or "", product.canonical_url, old_price, body.price)
    )
    return {"accepted": queued}

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from ..container import Container
from ..deps import current_sender, get_container, get_repos
from ..schemas import QuoteOut, QuoteRequest
from ..services.transfers import Repos
from ..utils.money import corridor_code

router = APIRouter(prefix="/v1/quotes", tags=["quotes"])


@router.post("", response_model=QuoteOut)
async def create_quote(
    body: QuoteRequest,
    sender_id: uuid.UUID = Depends(current_sender),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> QuoteOut:
    quote = await container.quotes.get_best_quote(
        repos.quotes, sender_id, corridor_code(body.source_country, body.target_country), body.payout_method,
        body.source_currency, body.target_currency, body.amount,
    )
    return QuoteOut(id=quote.id, provider=quote.provider, rate=quote.rate, fee=quote.fee,
                    source_amount=quote.source_amount, expires_at=quote.expires_at)


@router.get("/indicative/{source}/{target}")
async def indicative(source: str, target: str, container: Container = Depends(get_container)) -> dict:
    rate = await container.quotes.indicative_rate(source.upper(), target.upper())
    return {"pair": f"{source.upper()}{target.upper()}", "rate": str(rate) if rate else None}

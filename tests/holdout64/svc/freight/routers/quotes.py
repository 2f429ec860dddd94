from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from ..deps import current_shipper, get_services
from ..errors import RateLimited
from ..models import Shipper
from ..utils.resilience import RedisWindowLimiter

router = APIRouter(prefix="/quotes", tags=["quotes"])


class QuoteIn(BaseModel):
    origin: str = Field(min_length=3)
    dest: str = Field(min_length=3)
    equipment: str = "van"
    hazmat: bool = False


@router.post("")
async def quote(body: QuoteIn, request: Request, shipper: Shipper = Depends(current_shipper),
                services=Depends(get_services)):
    limiter = RedisWindowLimiter(request.app.state.redis, limit=30)
    if not await limiter.allow(str(shipper.id)):
        raise RateLimited("quote limit reached")
    result = await services.pricing.quote(body.origin, body.dest, body.equipment, body.hazmat)
    return asdict(result)


@router.get("/max-rate")
async def max_rate(origin: str, dest: str, miles: int, equipment: str = "van",
                   shipper: Shipper = Depends(current_shipper), services=Depends(get_services)):
    return {"max_rate_cents": await services.pricing.suggest_max_rate(origin, dest, equipment, miles)}

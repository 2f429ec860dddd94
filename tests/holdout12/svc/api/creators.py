"""Creator-facing endpoints: subscriptions, payouts, streaming and provider webhooks."""
import hmac
import json
import uuid
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import CurrentUser, current_user, state
from svc.clients.notify import sign_payload
from svc.config import Settings, get_settings
from svc.db.models import Creator, get_session
from svc.repositories import AnalyticsRepository
from svc.services.payouts import PayoutService
from svc.services.streams import StreamService
from svc.services.subscriptions import SubscriptionService

router = APIRouter()


class Withdrawal(BaseModel):
    amount_cents: int = Field(gt=0)


class GoLive(BaseModel):
    stream_id: str
    title: str


class IngestCheck(BaseModel):
    creator_id: uuid.UUID
    stream_key: str


@router.post("/creators/me/withdrawals")
async def withdraw(
    body: Withdrawal, user: CurrentUser = Depends(current_user), payouts: PayoutService = Depends(state("payouts"))
) -> dict[str, str]:
    return {"transfer_id": await payouts.request_withdrawal(user.id, body.amount_cents)}


@router.post("/gifts/{code}/redeem", status_code=204)
async def redeem(
    code: str, user: CurrentUser = Depends(current_user), subs: SubscriptionService = Depends(state("subscriptions"))
) -> None:
    await subs.redeem_gift(code, user.id)


@router.get("/creators/me/supporters")
async def supporters(
    user: CurrentUser = Depends(current_user), subs: SubscriptionService = Depends(state("subscriptions"))
) -> list[dict[str, str]]:
    return await subs.creator_supporters(user.id)


@router.get("/creators/me/analytics")
async def analytics(
    user: CurrentUser = Depends(current_user), settings: Settings = Depends(get_settings)
) -> list[tuple[str, int]]:
    return await AnalyticsRepository(settings.analytics_dsn).daily_views(user.id)


@router.post("/webhooks/payments", status_code=204)
async def payments_webhook(
    request: Request,
    signature: str = Header(..., alias="X-Provider-Signature"),
    settings: Settings = Depends(get_settings),
    subs: SubscriptionService = Depends(state("subscriptions")),
) -> None:
    body = await request.body()
    expected = sign_payload(settings.webhook_signing_secret, body)
    if not hmac.compare_digest(expected, signature):
        raise HTTPException(status_code=401, detail="bad signature")
    event: dict[str, Any] = json.loads(body)
    if event["type"].startswith("subscription."):
        await subs.apply_provider_event(event["data"]["id"], event["data"]["status"])


@router.post("/live/start", status_code=202)
async def go_live(
    body: GoLive, user: CurrentUser = Depends(current_user), streams: StreamService = Depends(state("streams"))
) -> dict[str, int]:
    notified = await streams.go_live(user.id, body.stream_id, body.title)
    return {"notified": notified}


@router.post("/live/ingest/verify", status_code=204)
async def verify_ingest(
    body: IngestCheck,
    session: AsyncSession = Depends(get_session),
    streams: StreamService = Depends(state("streams")),
) -> None:
    creator = await session.get(Creator, body.creator_id)
    if creator is None or creator.stream_key_hash is None:
        raise HTTPException(status_code=404, detail="unknown creator")
    await streams.verify_ingest(body.creator_id, body.stream_key, creator.stream_key_hash)

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse

from telco.container import Container
from telco.deps import get_container, selfcare_subscriber
from telco.routers.schemas import OtpIn, OtpVerifyIn, TopUpIn
from telco.utils.crypto import new_otp
from telco.utils.msisdn import normalize_msisdn
from telco.utils.timeutil import previous_period, utcnow

router = APIRouter(prefix="/selfcare", tags=["selfcare"])


@router.post("/otp", status_code=204)
async def request_otp(body: OtpIn, container: Container = Depends(get_container)) -> None:
    await container.otp.issue(normalize_msisdn(body.msisdn))


@router.post("/otp/verify")
async def verify_otp(body: OtpVerifyIn, container: Container = Depends(get_container)) -> dict:
    msisdn = normalize_msisdn(body.msisdn)
    if not container.otp.verify(msisdn, body.code):
        raise HTTPException(status_code=401, detail="invalid code")
    async with container.session_factory() as session:
        from telco.repositories.subscribers import SubscriberRepository

        subscriber = await SubscriberRepository(session).get_by_msisdn(msisdn)
    if subscriber is None:
        raise HTTPException(status_code=404, detail="unknown number")
    token = new_otp() + new_otp() + new_otp()
    await container.redis.set(f"session:{token}", subscriber.id, ex=3600)
    return {"token": token}


@router.get("/balance")
async def balance(subscriber_id: int = Depends(selfcare_subscriber), container: Container = Depends(get_container)) -> dict:
    row = await container.balances.get(subscriber_id)
    return {"available_cents": row.available_cents, "data_kb": row.data_allowance_kb}


@router.post("/top-up")
async def top_up(
    body: TopUpIn, subscriber_id: int = Depends(selfcare_subscriber), container: Container = Depends(get_container)
) -> dict:
    row = await container.balances.top_up(subscriber_id, body.amount_cents)
    return {"available_cents": row.available_cents}


@router.post("/share/{to_subscriber_id}", status_code=204)
async def share_credit(
    to_subscriber_id: int, body: TopUpIn,
    subscriber_id: int = Depends(selfcare_subscriber), container: Container = Depends(get_container),
) -> None:
    await container.balances.share(subscriber_id, to_subscriber_id, body.amount_cents)


@router.get("/usage")
async def usage(
    subscriber_id: int = Depends(selfcare_subscriber), container: Container = Depends(get_container)
) -> list[dict]:
    rows = await container.usage.history(subscriber_id, utcnow(), limit=50)
    return [dict(row) for row in rows]


@router.post("/statements/{period}")
async def build_statement(
    period: str, subscriber_id: int = Depends(selfcare_subscriber), container: Container = Depends(get_container)
) -> dict:
    path = await container.billing.render_statement(subscriber_id, period or previous_period())
    return {"statement": path.name}


@router.get("/statements/{period}/download")
def download_statement(
    period: str, subscriber_id: int = Depends(selfcare_subscriber), container: Container = Depends(get_container)
) -> FileResponse:
    path = container.billing._writer.path_for(subscriber_id, period)
    if not path.exists():
        raise HTTPException(status_code=404, detail="statement not built")
    return FileResponse(path, media_type="text/csv", filename=path.name)

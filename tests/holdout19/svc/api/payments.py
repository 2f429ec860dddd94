from __future__ import annotations

from dataclasses import asdict
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Response, status

from svc.api.deps import card_service, current_user, get_container, kyc_service, transfer_service
from svc.api.ops import transfers_paused
from svc.api.schemas import QuoteIn, QuoteOut, TransferIn, TransferOut, WithdrawIn
from svc.container import Container
from svc.security import AuthUser
from svc.services.compliance import CardService, KycService
from svc.services.statements import Period, previous_month
from svc.services.transfers import SendMoney, TransferService

router = APIRouter(prefix="/v1", tags=["payments"])

STEP_UP_RISK_SCORE = 80


@router.post("/transfers", response_model=TransferOut, status_code=status.HTTP_201_CREATED)
async def create_transfer(
    body: TransferIn,
    idempotency_key: str = Header(alias="Idempotency-Key", min_length=8, max_length=64),
    device_id: str = Header(alias="X-Device-Id", default="unknown"),
    user: AuthUser = Depends(current_user),
    transfers: TransferService = Depends(transfer_service),
    kyc: KycService = Depends(kyc_service),
    container: Container = Depends(get_container),
) -> TransferOut:
    if transfers_paused():
        raise HTTPException(status_code=status.HTTP_503_SERVICE_UNAVAILABLE, detail="transfers are paused")
    await kyc.require_verified(user.id)
    if container.risk.score(device_id) >= STEP_UP_RISK_SCORE:
        if body.pin is None:
            raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="PIN required for this device")
        await container.accounts.verify_pin(user.id, body.pin)
    cmd = SendMoney(body.recipient_handle, body.amount_minor, body.currency, idempotency_key, body.memo)
    result = await transfers.send(user.id, cmd)
    return TransferOut(id=result.id, amount_minor=result.amount_minor, currency=result.currency, status=result.status)


@router.get("/transfers")
async def transfer_history(
    currency: str = "EUR",
    page: int = Query(0, ge=0),
    user: AuthUser = Depends(current_user),
    transfers: TransferService = Depends(transfer_service),
) -> list[dict[str, Any]]:
    items = await transfers.history(user.id, currency, page)
    return [asdict(item) for item in items]


@router.get("/wallets")
async def wallets(user: AuthUser = Depends(current_user), container: Container = Depends(get_container)) -> dict[str, int]:
    return await container.wallets.balances(user.id)


@router.post("/wallets/withdrawals")
async def withdraw(body: WithdrawIn, user: AuthUser = Depends(current_user), container: Container = Depends(get_container)) -> dict[str, int]:
    balance = await container.wallets.withdraw_to_card(user.id, body.currency, body.amount_minor, body.card_id)
    return {"balance_minor": balance}


@router.post("/quotes", response_model=QuoteOut)
async def create_quote(body: QuoteIn, user: AuthUser = Depends(current_user), container: Container = Depends(get_container)) -> QuoteOut:
    quote = await container.quotes.create_quote(user.id, body.sell, body.buy, body.sell_amount_minor)
    return QuoteOut(id=quote.id, rate=quote.rate, buy_amount_minor=quote.buy_amount_minor, expires_at=quote.expires_at)


@router.get("/rates/{base}/{quote}")
async def indicative_rate(base: str, quote: str, container: Container = Depends(get_container)) -> dict[str, str]:
    return {"rate": str(await container.portfolio.indicative_rate(base.upper(), quote.upper()))}


@router.post("/cards/{card_id}/freeze", status_code=status.HTTP_204_NO_CONTENT)
async def freeze_card(card_id: UUID, user: AuthUser = Depends(current_user), cards: CardService = Depends(card_service)) -> None:
    await cards.freeze(user.id, card_id)


@router.get("/wallets/{currency}/statements/preview")
async def statement_preview(currency: str, user: AuthUser = Depends(current_user), container: Container = Depends(get_container)) -> Response:
    wallet_id = await container.wallets.wallet_id(user.id, currency)
    text = await container.statements.preview(wallet_id, previous_month())
    return Response(content=text, media_type="text/plain")


@router.post("/wallets/{currency}/exports/{year}")
async def export_year(
    currency: str, year: int, user: AuthUser = Depends(current_user), container: Container = Depends(get_container)
) -> Response:
    wallet_id = await container.wallets.wallet_id(user.id, currency)
    archive = await container.statements.export_archive(wallet_id, year)
    return Response(
        content=archive,
        media_type="application/gzip",
        headers={"Content-Disposition": f'attachment; filename="{currency}-{year}.csv.gz"'},
    )


@router.post("/wallets/{currency}/exports")
async def export_month(currency: str, user: AuthUser = Depends(current_user), container: Container = Depends(get_container)) -> dict[str, str]:
    wallet_id = await container.wallets.wallet_id(user.id, currency)
    period: Period = previous_month()
    path = await container.statements.export_csv(wallet_id, period)
    return {"file": path.name}

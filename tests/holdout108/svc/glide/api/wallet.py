from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from sqlalchemy import update
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from glide.api.deps import container, json_body, rider_id, wallet_service
from glide.core.pagination import clamp_limit
from glide.errors import Conflict
from glide.models import PaymentMethod, Rider, VehicleType
from glide.repositories.wallets import WalletRepository
from glide.services.pricing import DAY_PASS_PRICES, DayPassStore
from glide.services.promotions import PromotionService

MAX_TOP_UP_CENTS = 20_000


async def balance(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    async with c.sessions() as session:
        cents = await wallet_service(c, session).balance(rid)
    return JSONResponse({"balance_cents": cents})


async def top_up(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    body = await json_body(request)
    amount = int(body["amount_cents"])
    if not 500 <= amount <= MAX_TOP_UP_CENTS:
        raise Conflict("amount out of range", code="bad_amount")
    key = request.headers.get("idempotency-key")
    if not key:
        raise Conflict("Idempotency-Key header required", code="bad_request")
    async with c.sessions() as session:
        new_balance = await wallet_service(c, session).top_up(rid, amount, key)
    return JSONResponse({"balance_cents": new_balance})


async def add_card(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    body = await json_body(request)
    async with c.sessions() as session:
        repo = WalletRepository(session)
        method = PaymentMethod(
            rider_id=rid,
            gateway_token=body["token"],
            brand=body.get("brand", "card"),
            last4=str(body.get("last4", ""))[-4:],
            is_default=await repo.default_method(rid) is None,
        )
        await repo.add_method(method)
        await session.commit()
    return JSONResponse({"id": str(method.id)}, status_code=201)


async def transactions(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    async with c.sessions() as session:
        repo = WalletRepository(session)
        wallet = await repo.get_by_rider(rid)
        items = await repo.recent_transactions(wallet.id) if wallet else []
    return JSONResponse(
        [{"amount_cents": t.amount_cents, "kind": t.kind, "at": t.created_at.isoformat()} for t in items]
    )


async def redeem(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    body = await json_body(request)
    async with c.sessions() as session:
        promos = PromotionService(session, wallet_service(c, session))
        new_balance = await promos.redeem(body["code"], rid)
    return JSONResponse({"balance_cents": new_balance})


async def statement(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    limit = clamp_limit(request.query_params.get("limit"), default=50, maximum=200)
    async with c.sessions() as session:
        data = await wallet_service(c, session).statement(rid, limit)
    return JSONResponse(data)


async def auto_reload(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    body = await json_body(request)
    threshold = body.get("threshold_cents")
    amount = body.get("amount_cents")
    if threshold is not None and not 0 <= int(threshold) <= 5_000:
        raise Conflict("threshold out of range", code="bad_amount")
    if amount is not None and not 500 <= int(amount) <= MAX_TOP_UP_CENTS:
        raise Conflict("amount out of range", code="bad_amount")
    async with c.sessions() as session:
        await session.execute(
            update(Rider)
            .where(Rider.id == rid)
            .values(auto_reload_threshold_cents=threshold, auto_reload_amount_cents=amount)
        )
        await session.commit()
    return JSONResponse({"threshold_cents": threshold, "amount_cents": amount})


async def buy_day_pass(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    body = await json_body(request)
    vehicle_type = VehicleType(body.get("vehicle_type", "scooter"))
    price = DAY_PASS_PRICES[vehicle_type]
    passes = DayPassStore(c.redis)
    if await passes.has_pass(str(rid), vehicle_type):
        raise Conflict("day pass already active", code="pass_active")
    now = datetime.now(timezone.utc)
    midnight = datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=timezone.utc)
    ttl_s = max(60, int((midnight - now).total_seconds()))
    ref = f"daypass_{rid}_{now.date().isoformat()}_{vehicle_type.value}"
    async with c.sessions() as session:
        wallets = wallet_service(c, session)
        remaining = await wallets.pay_from_balance(rid, price, "day_pass", ref)
        if not await passes.grant(str(rid), vehicle_type, ttl_s):
            await session.rollback()
            raise Conflict("day pass already active", code="pass_active")
        await session.commit()
    return JSONResponse({"balance_cents": remaining, "expires_in_s": ttl_s}, status_code=201)


routes = [
    Route("/wallet/day-pass", buy_day_pass, methods=["POST"]),
    Route("/wallet/statement", statement, methods=["GET"]),
    Route("/wallet/auto-reload", auto_reload, methods=["PUT"]),
    Route("/wallet", balance, methods=["GET"]),
    Route("/wallet/top-up", top_up, methods=["POST"]),
    Route("/wallet/cards", add_card, methods=["POST"]),
    Route("/wallet/transactions", transactions, methods=["GET"]),
    Route("/wallet/promo", redeem, methods=["POST"]),
]

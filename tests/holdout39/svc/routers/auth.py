from __future__ import annotations

import secrets

from fastapi import APIRouter, HTTPException, Request

from svc.clients.sms import SmsError
from svc.schemas import OtpRequest
from svc.services.auth import issue_token
from svc.services.auth import InMemoryRateLimiter
from svc.utils.phone import normalize_phone

router = APIRouter(prefix="/auth", tags=["auth"])

otp_limiter = InMemoryRateLimiter(limit=3, window_s=600)
OTP_TTL_S = 300


@router.post("/otp")
async def request_otp(body: OtpRequest, request: Request) -> dict:
    phone = normalize_phone(body.phone)
    if not otp_limiter.allow(phone):
        raise HTTPException(status_code=429, detail="too many codes requested")
    code = f"{secrets.randbelow(1_000_000):06d}"
    await request.app.state.redis.set(f"otp:{phone}", code, ex=OTP_TTL_S)
    try:
        await request.app.state.sms.send(phone, f"Your code is {code}")
    except SmsError as exc:
        raise HTTPException(status_code=502, detail="could not send code") from exc
    return {"sent": True}


@router.post("/otp/verify")
async def verify_otp(body: OtpRequest, code: str, request: Request) -> dict:
    phone = normalize_phone(body.phone)
    redis = request.app.state.redis
    if not await request.app.state.login_limiter.allow(f"verify:{phone}"):
        raise HTTPException(status_code=429, detail="too many attempts")
    expected = await redis.getdel(f"otp:{phone}")
    if expected is None or not secrets.compare_digest(expected, code):
        raise HTTPException(status_code=401, detail="invalid code")
    customer_id = await redis.hget("customers:by_phone", phone)
    if customer_id is None:
        customer_id = await redis.incr("customers:seq")
        await redis.hset("customers:by_phone", phone, customer_id)
    return {"token": await issue_token(redis, "customer", int(customer_id))}

"""Inbound callbacks from the courier and the card processor, and an authenticated API route."""
import json
import logging
import os

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response, status

from relay.signing import valid_signature

log = logging.getLogger(__name__)
router = APIRouter()
COURIER_SECRET = os.environ.get("COURIER_SECRET", "").encode()
CARDS_SECRET = os.environ.get("CARDS_SECRET", "").encode()
LEDGER_SECRET = os.environ.get("LEDGER_SECRET", "").encode()


@router.post("/inbound/courier")
async def courier_update(request: Request, x_courier_sig: str | None = Header(None)) -> dict:
    raw = await request.body()
    ok = valid_signature(COURIER_SECRET, raw, x_courier_sig)
    if not ok:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="signature mismatch")  # expect: logging-gap
    return {"accepted": json.loads(raw)["parcel"]}


@router.post("/inbound/cards")
async def card_event(request: Request) -> Response:
    payload = await request.body()
    if not valid_signature(CARDS_SECRET, payload, request.headers.get("x-cards-signature")):
        return Response(status_code=401)  # expect: logging-gap
    return Response(status_code=204)


@router.post("/inbound/ledger")
async def ledger_event(request: Request, x_ledger_sig: str | None = Header(None)) -> dict:
    raw = await request.body()
    if not valid_signature(LEDGER_SECRET, raw, x_ledger_sig):
        # look-alike: the rejection is logged before the answer
        log.warning("ledger callback rejected: bad signature from %s", request.client.host if request.client else "?")
        raise HTTPException(401, "bad signature")
    return {"ok": True}


def current_user(authorization: str | None = Header(None)) -> str:
    if not authorization:
        raise HTTPException(401, "login required")
    return authorization


@router.get("/me")
async def me(user: str = Depends(current_user)) -> dict:
    # look-alike: an ordinary authenticated route, no signed body
    if user == "blocked":
        raise HTTPException(403, "blocked")
    return {"user": user}


@router.post("/inbound/returns")
async def returns_event(request: Request) -> dict:
    raw = await request.body()
    if not valid_signature(COURIER_SECRET, raw, request.headers.get("x-courier-signature")):
        raise HTTPException(status_code=400, detail="bad signature")  # expect: logging-gap
    event = json.loads(raw)
    if "parcel" not in event:
        # look-alike: a malformed (but signed) payload answered 400, not a signature rejection
        raise HTTPException(status_code=400, detail="parcel missing")
    return {"accepted": event["parcel"]}

"""Public signer endpoints and the live status websockets."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Body, Depends, HTTPException, Request, Response, WebSocket, WebSocketDisconnect, status
from pydantic import Base64Bytes, BaseModel, Field

from svc.api.deps import get_branding, get_dashboard, get_hub, get_signing_service
from svc.config import settings
from svc.realtime.hub import ConnectionHub, DashboardFeed
from svc.repositories.envelopes import EnvelopeRepository
from svc.services.signing import SignerContext, SigningService
from svc.services.templates import BrandingService

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/sign", tags=["signing"])
live = APIRouter(prefix="/v1/ws", tags=["live"])

CONSENT_PATH = Path(__file__).resolve().parent.parent / "static" / "esign-consent.txt"
Signing = Depends(get_signing_service)


class SignIn(BaseModel):
    session: str = Field(max_length=64)
    signature_png: Base64Bytes = Field(max_length=400_000)


async def signer_context(token: str, signing: SigningService = Signing) -> SignerContext:
    ctx = await signing.resolve_token(token)
    if ctx is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "this signing link is invalid or has expired")
    return ctx


Signer = Depends(signer_context)


@router.get("/consent")
def consent_text() -> dict[str, str]:
    return {"text": CONSENT_PATH.read_text(encoding="utf-8")}


@router.get("/{token}")
async def open_envelope(
    request: Request, ctx: SignerContext = Signer, signing: SigningService = Signing, branding: BrandingService = Depends(get_branding)
) -> dict[str, Any]:
    session_id = await signing.start_ceremony(ctx, request.client.host if request.client else "")
    brand = await branding.for_account(ctx.account_id)
    brand["greeting"] = f"Hello {ctx.name}"
    return {"session": session_id, "branding": brand, "status": ctx.status}


@router.get("/{token}/documents/{document_id}/pages/{page}")
async def page_image(document_id: UUID, page: int, request: Request, ctx: SignerContext = Signer) -> Response:
    key = await EnvelopeRepository().document_key(ctx.envelope_id, document_id)
    if key is None or not 1 <= page <= 500:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "page not found")
    png = await request.app.state.documents.page_image(key, page)
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=300"})


@router.post("/{token}/otp", status_code=status.HTTP_204_NO_CONTENT)
async def request_otp(ctx: SignerContext = Signer, signing: SigningService = Signing) -> None:
    await signing.send_otp(ctx)


@router.post("/{token}/otp/verify", status_code=status.HTTP_204_NO_CONTENT)
async def verify_otp(code: str = Body(embed=True, pattern=r"^\d{6}$"), ctx: SignerContext = Signer, signing: SigningService = Signing) -> None:
    await signing.verify_otp(ctx, code)


@router.post("/{token}/sign", status_code=status.HTTP_204_NO_CONTENT)
async def sign(body: SignIn, request: Request, ctx: SignerContext = Signer, signing: SigningService = Signing) -> None:
    await signing.sign(ctx, body.session, body.signature_png, request.client.host if request.client else "")


@live.websocket("/sign/{token}")
async def signer_status(websocket: WebSocket, token: str, signing: SigningService = Signing, hub: ConnectionHub = Depends(get_hub)) -> None:
    ctx = await signing.resolve_token(token)
    if ctx is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    if not await hub.join(ctx.envelope_id, websocket):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    pump = asyncio.create_task(hub.pump(websocket))
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            if len(message) > 1024:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            if message == "ping":
                await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.debug("signer socket closed for envelope %s", ctx.envelope_id)
    finally:
        pump.cancel()
        await hub.leave(ctx.envelope_id, websocket)


@live.websocket("/accounts/{account_id}/feed")
async def account_feed(websocket: WebSocket, account_id: UUID, feed: DashboardFeed = Depends(get_dashboard)) -> None:
    await websocket.accept()
    feed.subscribe(account_id, websocket)
    while True:
        await websocket.receive_text()

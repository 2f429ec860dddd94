from __future__ import annotations

import logging
from pathlib import Path

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from fastapi.responses import PlainTextResponse
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..deps import get_container, get_session
from ..errors import InvalidMessage
from ..hl7.parser import build_ack, parse_adt, parse_batch
from ..utils.crypto import verify_webhook_signature

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/adt", tags=["adt"])

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "hl7" / "samples"
MAX_BATCH = 200


def _check_signature(container: Container, body: bytes, signature: str | None) -> None:
    settings = container.settings
    if not signature or not verify_webhook_signature(settings.webhook_secret, settings.webhook_salt, body, signature):
        logger.warning("rejected ADT webhook with bad signature")
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")


@router.post("/messages", response_class=PlainTextResponse)
async def receive_message(
    request: Request,
    x_signature: str | None = Header(default=None),
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> str:
    body = await request.body()
    _check_signature(container, body, x_signature)
    try:
        message = parse_adt(body.decode("utf-8", errors="replace"))
    except InvalidMessage as exc:
        logger.warning("invalid ADT payload: %s", exc)
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    await container.adt(session).handle(message)
    return build_ack(message)


@router.post("/batch")
async def receive_batch(
    request: Request,
    x_signature: str | None = Header(default=None),
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> dict[str, int]:
    body = await request.body()
    _check_signature(container, body, x_signature)
    messages = parse_batch(body.decode("utf-8", errors="replace"))
    if len(messages) > MAX_BATCH:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, f"at most {MAX_BATCH} messages per batch")
    service = container.adt(session)
    processed = 0
    for message in messages:
        if await service.handle(message):
            processed += 1
    return {"received": len(messages), "processed": processed}


@router.get("/samples/{name}", response_class=PlainTextResponse)
def sample_message(name: str) -> str:
    path = (SAMPLES_DIR / f"{name}.hl7").resolve()
    if path.parent != SAMPLES_DIR.resolve() or not path.exists():
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such sample")
    return path.read_text(encoding="utf-8")

"""Webhook receiver and a few request handlers that parse optional input."""
import logging

from fastapi import APIRouter, Request

router = APIRouter()
logger = logging.getLogger(__name__)


@router.post("/webhooks/shipping")
async def shipping_webhook(request: Request) -> dict:
    payload = await request.json()
    events = request.app.state.events
    try:
        await events.accept(payload["event"], payload["data"])
    except (KeyError, TypeError):  # expect: logging-gap
        pass
    return {"received": True}


@router.post("/webhooks/returns")
async def returns_webhook(request: Request) -> dict:
    payload = await request.json()
    try:
        await request.app.state.events.accept(payload["event"], payload["data"])
    except (KeyError, TypeError):
        logger.warning("malformed returns webhook: %r", payload)
    return {"received": True}


@router.get("/shipments")
async def list_shipments(request: Request) -> dict:
    limit = 50
    try:
        limit = int(request.query_params["limit"])
    except (KeyError, ValueError):
        pass
    return {"limit": limit}


@router.get("/shipments/raw")
async def raw(request: Request) -> dict:
    body = {}
    try:
        body = await request.json()
    except ValueError:
        pass
    return {"keys": sorted(body)}

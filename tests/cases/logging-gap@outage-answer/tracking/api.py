"""Tracking routes: each answers something when the carrier is down."""
import logging

import aiohttp
import httpx
from fastapi import APIRouter, Request, Response

logger = logging.getLogger(__name__)
router = APIRouter()


@router.get("/parcels/{parcel}/status")
async def parcel_status(parcel: str, request: Request) -> dict:
    try:
        state = await request.app.state.carrier.status(parcel)
    except aiohttp.ClientError:  # expect: logging-gap
        return {"parcel": parcel, "status": "unknown"}
    return {"parcel": parcel, "status": state}


@router.get("/parcels/{parcel}/eta")
async def parcel_eta(parcel: str, request: Request) -> dict:
    try:
        eta = await request.app.state.carrier.eta(parcel)
    except httpx.HTTPError:
        logger.warning("carrier unavailable for %s", parcel, exc_info=True)
        return {"parcel": parcel, "eta": None}
    return {"parcel": parcel, "eta": eta}


@router.get("/parcels/{parcel}/eta/raw")
async def parcel_eta_raw(parcel: str, request: Request) -> dict:
    try:
        eta = await request.app.state.carrier.eta(parcel)
    except httpx.HTTPStatusError:
        return {"parcel": parcel, "eta": None}
    return {"parcel": parcel, "eta": eta}


@router.get("/parcels/{parcel}/debug")
async def parcel_debug(parcel: str, request: Request) -> dict:
    try:
        state = await request.app.state.carrier.status(parcel)
    except aiohttp.ClientError as exc:
        return {"parcel": parcel, "status": "unknown", "error": str(exc)}
    return {"parcel": parcel, "status": state}


class LabelError(Exception):
    """Raised by the label printer client when the printer service fails."""


@router.post("/parcels/{parcel}/label")
async def print_label(parcel: str, request: Request):
    try:
        await request.app.state.printer.print_label(parcel)
    except LabelError:  # expect: logging-gap
        return Response(status_code=502)
    return {"parcel": parcel, "printed": True}


@router.post("/parcels/{parcel}/label/retry")
async def retry_label(parcel: str, request: Request):
    # look-alikes: the failure is logged, or the answer is the client's fault (4xx)
    try:
        await request.app.state.printer.print_label(parcel)
    except LabelError:
        logger.warning("label printing failed for %s", parcel, exc_info=True)
        return Response(status_code=502)
    try:
        await request.app.state.printer.reprint(parcel)
    except KeyError:
        return Response(status_code=404)
    return {"parcel": parcel, "printed": True}

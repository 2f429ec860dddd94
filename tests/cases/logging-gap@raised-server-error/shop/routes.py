"""Checkout endpoints."""
import logging
from http import HTTPStatus

import httpx
from fastapi import APIRouter, HTTPException, status

from shop.gateways import CarrierClient, CarrierDown, TaxClient, TaxServiceError

router = APIRouter()
log = logging.getLogger(__name__)
carrier = CarrierClient(httpx.AsyncClient(base_url="https://carrier.example", timeout=5))
tax = TaxClient(httpx.AsyncClient(base_url="https://tax.example", timeout=5))


@router.get("/parcels/{parcel_id}/quote")
async def parcel_quote(parcel_id: str) -> dict:
    try:
        return await carrier.quote(parcel_id)
    except CarrierDown:  # expect: logging-gap
        raise HTTPException(
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
            detail="shipping quotes are unavailable right now",
        )


@router.get("/tax/{region}")
async def tax_rate(region: str) -> dict:
    try:
        return {"rate": await tax.rate(region)}
    except TaxServiceError:  # expect: logging-gap
        raise HTTPException(HTTPStatus.BAD_GATEWAY, "tax service failed")


@router.get("/tax/{region}/logged")
async def tax_rate_logged(region: str) -> dict:
    """Look-alike: the failure is logged before the 502."""
    try:
        return {"rate": await tax.rate(region)}
    except TaxServiceError:
        log.exception("tax lookup failed for %s", region)
        raise HTTPException(502, "tax service failed")


@router.get("/tax/{region}/chained")
async def tax_rate_chained(region: str) -> dict:
    """Look-alike: the error is chained and its text handed to the client."""
    try:
        return {"rate": await tax.rate(region)}
    except TaxServiceError as exc:
        raise HTTPException(502, f"tax service failed: {exc}") from exc


@router.get("/parcels/{parcel_id}/quote-or-404")
async def parcel_quote_strict(parcel_id: str) -> dict:
    """Look-alike: a 4xx answers the caller's mistake, not a server failure."""
    try:
        return await carrier.quote(parcel_id)
    except KeyError:
        raise HTTPException(404, "unknown parcel")


@router.get("/parcels/{parcel_id}/eta")
async def parcel_eta(parcel_id: str) -> dict:
    try:
        return await carrier.quote(parcel_id)
    except CarrierDown:  # expect: logging-gap
        raise HTTPException(502, "the carrier did not answer") from None


@router.get("/parcels/{parcel_id}/eta-chained")
async def parcel_eta_chained(parcel_id: str) -> dict:
    """Look-alike: chained, and no handler of the project logs `CarrierDown` before its own 5xx."""
    try:
        return await carrier.quote(parcel_id)
    except CarrierDown as exc:
        raise HTTPException(502, "the carrier did not answer") from exc

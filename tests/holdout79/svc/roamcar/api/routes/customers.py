"""Customer self-service: vehicle PIN and driving-licence verification."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, UploadFile

from ...clients.kyc import KycError
from ...models import Customer
from ...services.customers import CustomerService
from ..deps import current_customer, customer_service
from ..schemas import PinRequest

router = APIRouter(prefix="/me", tags=["customers"])


@router.put("/pin", status_code=204)
async def set_pin(
    body: PinRequest,
    customer: Customer = Depends(current_customer),
    service: CustomerService = Depends(customer_service),
) -> None:
    await service.set_pin(customer, body.pin)


@router.post("/pin/check")
async def check_pin(
    body: PinRequest,
    customer: Customer = Depends(current_customer),
    service: CustomerService = Depends(customer_service),
) -> dict:
    return {"valid": await service.verify_pin(customer, body.pin)}


@router.post("/licence", status_code=202)
async def submit_licence(
    front: UploadFile,
    licence_number: str = Form(...),
    country: str = Form(min_length=2, max_length=2),
    customer: Customer = Depends(current_customer),
    service: CustomerService = Depends(customer_service),
) -> dict:
    image = await front.read()
    try:
        check_id = await service.submit_licence(customer, licence_number, country.upper(), image)
    except KycError as exc:
        raise HTTPException(status_code=503, detail="licence checks are unavailable, try later") from exc
    return {"check_id": check_id, "status": "pending"}


@router.get("/licence")
async def licence_status(
    customer: Customer = Depends(current_customer), service: CustomerService = Depends(customer_service)
) -> dict:
    return {"status": await service.refresh_licence_status(customer)}

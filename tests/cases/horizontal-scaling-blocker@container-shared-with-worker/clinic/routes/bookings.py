from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from clinic.services.booking import TooManyAttempts

router = APIRouter()


@router.post("/bookings/{slot}")
async def book(slot: str, phone: str, request: Request) -> dict:
    try:
        return {"slot": await request.app.state.components.booking.book(phone, slot)}
    except TooManyAttempts:
        raise HTTPException(status_code=429, detail="try again later")


@router.post("/codes/{phone}")
async def resend(phone: str, request: Request) -> dict:
    if not await request.app.state.components.codes.may_resend(phone):
        raise HTTPException(status_code=429, detail="too many codes")
    return {"sent": True}


@router.get("/patients/{patient_id}/export")
async def export(patient_id: int, request: Request):
    if not request.app.state.components.exports.allow(patient_id):
        return JSONResponse({"error": "slow down"}, status_code=429)
    return {"patient": patient_id}

from fastapi import FastAPI

from clinic.coverage import CoverageService
from clinic.payer import PayerClient

app = FastAPI()
service = CoverageService(PayerClient("https://payer.example.com"))


@app.get("/members/{member_id}/coverage")
async def coverage(member_id: str) -> dict:
    return await service.summary(member_id)


@app.post("/members/{member_id}/bookings")
async def book(member_id: str) -> dict:
    answer = await service.check_before_booking(member_id)
    return {"booked": True, "plan": answer.get("plan")}

from fastapi import FastAPI

from clinic.booking import Booking

app = FastAPI()
booking = Booking()


@app.post("/doctors/{doctor_id}/book")
async def book(doctor_id: int, day: str, hour: int, patient_id: int) -> dict:
    await booking.book(doctor_id, day, hour, patient_id)
    await booking.book_serialised(doctor_id, day, hour, patient_id)
    return {}


@app.post("/visits")
async def visits(patient_ids: list[int], day: str) -> dict:
    await booking.check_in(patient_ids[0], day)
    await booking.check_in_idempotent(patient_ids[0], day)
    return {"added": await booking.check_in_all(patient_ids, day)}

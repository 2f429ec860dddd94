from fastapi import FastAPI

from .bookings import assign_run, book_grooming, check_in, refresh_vaccinations

app = FastAPI()


@app.post("/pets/{pet_id}/grooming")
async def grooming(pet_id: str, day: str) -> dict:
    return await book_grooming(pet_id, day)


@app.post("/kennels/{kennel_id}/runs")
async def runs(kennel_id: int, pet_id: str, day: str) -> None:
    await assign_run(kennel_id, pet_id, day)


@app.post("/pets/{pet_id}/check-in")
async def checkin(pet_id: str) -> None:
    await check_in(pet_id)


@app.post("/pets/{pet_id}/vaccinations")
async def vaccinations(pet_id: str) -> list[dict]:
    return await refresh_vaccinations(pet_id)

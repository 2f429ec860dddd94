from fastapi import FastAPI

from .bays import occupy, record_reading
from .tariffs import audit_meter, reprice

app = FastAPI()


@app.post("/bays/{bay}/occupy")
async def occupy_bay(bay: str, plate: str) -> dict:
    return {"rate": await occupy(bay, plate)}


@app.post("/tariffs")
async def update_tariffs(rates: dict[str, int]) -> dict:
    await reprice(rates)
    return {"ok": True}


@app.post("/meters/{meter_id}")
async def meter(meter_id: int, value: int) -> dict:
    await record_reading(meter_id, value)
    return {"total": await audit_meter(meter_id)}


from .permits import JOURNAL, PermitService, compact_journal

permits = PermitService(JOURNAL)


@app.post("/permits/{permit_id}/renew")
async def renew(permit_id: int) -> dict:
    await permits.renew(permit_id)
    return {"ok": True}


@app.post("/journal/compact")
async def compact(permit_ids: list[int]) -> dict:
    await compact_journal(permit_ids)
    return {"ok": True}

from fastapi import FastAPI
from redis.asyncio import Redis

from crews.dispatch import Bays, Dispatcher


class Jobs:
    async def assign(self, crew_id: str, job_id: int) -> None:
        return None


app = FastAPI()
redis = Redis(host="redis", decode_responses=True)
dispatcher = Dispatcher(redis, Jobs())
bays = Bays(redis)


@app.post("/crews/{crew_id}/jobs/{job_id}")
async def send(crew_id: str, job_id: int) -> dict:
    await dispatcher.send(crew_id, job_id)
    await dispatcher.send_claimed(crew_id, job_id)
    return {"ok": True}


@app.post("/bays/{bay}")
async def occupy(bay: int, plate: str) -> dict:
    await bays.occupy(bay, plate)
    return {"label": await bays.label(bay)}

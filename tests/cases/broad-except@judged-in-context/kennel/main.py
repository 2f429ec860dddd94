import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from kennel.clients import VetRegistry
from kennel.jobs.vaccinations import VaccinationSweep

registry = VetRegistry("https://registry.example")
sweep = VaccinationSweep(registry, [])


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(sweep.run())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/dogs/{chip}/register")
async def register_dog(chip: str, owner: str):
    try:
        record = await registry.register(chip, owner)
    except Exception:  # expect: broad-except
        return JSONResponse(status_code=400, content={"error": "registration failed"})
    return {"registered": record["id"]}

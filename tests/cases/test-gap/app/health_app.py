"""A separate probe app served on the metrics port."""
from fastapi import FastAPI

probe = FastAPI()


@probe.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}

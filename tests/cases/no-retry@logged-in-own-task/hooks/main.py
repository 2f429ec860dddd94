from fastapi import FastAPI

from hooks.partners import PartnerHooks

app = FastAPI()
hooks = PartnerHooks(["https://partner.example/hooks"])


@app.post("/events")
async def publish(body: bytes) -> dict:
    hooks.emit(body)
    return {"queued": True}

from fastapi import FastAPI

from depot.picking import PickingService

app = FastAPI()
picking = PickingService()


@app.post("/waves/{wave_id}/release")
async def release(wave_id: int, sku: str) -> None:
    await picking.release_wave(wave_id, sku)


@app.post("/waves/{wave_id}/cancel")
async def cancel(wave_id: int, sku: str) -> None:
    await picking.cancel(wave_id, sku)

from decimal import Decimal

from fastapi import FastAPI

from rates.fx import FxClient, refresh, refresh_gated, refresh_then_store, snapshot_copy

app = FastAPI()
client = FxClient()


@app.post("/fx/refresh")
async def refresh_rates(currencies: list[str]) -> dict[str, str]:
    await refresh(client, currencies)
    return {"status": "ok"}


@app.post("/fx/refresh-gated")
async def refresh_rates_gated(currencies: list[str]) -> dict[str, str]:
    await refresh_gated(client, currencies)
    await refresh_then_store(client, currencies)
    return {"status": "ok"}


@app.get("/fx")
def rates() -> dict[str, Decimal]:
    return snapshot_copy()

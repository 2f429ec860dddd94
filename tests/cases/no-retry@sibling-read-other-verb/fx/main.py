from fastapi import FastAPI

from fx.catalog import LegacySearch, NewSearch
from fx.providers import BackupRates, PrimaryRates, RateAlerts

app = FastAPI()
primary = PrimaryRates("https://rates.example.com")
backup = BackupRates("https://backup-rates.example.org")
alerts = RateAlerts("https://alerts.example.net/subscriptions")
new_search = NewSearch("https://search.example.com")
legacy_search = LegacySearch("https://legacy.example.com")


@app.get("/rates/{pair}")
async def rate(pair: str) -> dict:
    return {"primary": await primary.rate(pair), "backup": await backup.rate(pair)}


@app.post("/rates/{pair}/alerts")
async def subscribe(pair: str, threshold: float) -> None:
    await alerts.subscribe(pair, threshold)


@app.get("/products")
async def products(q: str, legacy: bool = False) -> list[dict]:
    return await (legacy_search.find(q) if legacy else new_search.find(q))

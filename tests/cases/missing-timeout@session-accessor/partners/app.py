from fastapi import FastAPI

from partners.ledger import LedgerClient, RatesClient

app = FastAPI()
ledger = LedgerClient("https://ledger.internal", "t0ken")
rates = RatesClient("https://fx.internal")


@app.post("/entries")
async def add_entry(entry: dict) -> dict:
    return {"id": await ledger.post_entry(entry), "rate": await rates.rate("EURUSD")}

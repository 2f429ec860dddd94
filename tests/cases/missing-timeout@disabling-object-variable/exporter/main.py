from fastapi import FastAPI

from exporter.archive import ArchiveUploader, LedgerReader
from exporter.sync import pull_catalogue, pull_prices

app = FastAPI()
uploader = ArchiveUploader("https://archive.internal")
ledger = LedgerReader("https://ledger.internal")


@app.post("/exports/{name}")
async def export(name: str) -> dict:
    await uploader.upload(name, b"data")
    return await ledger.balance(name)


@app.post("/sync")
async def sync() -> dict:
    items = await pull_catalogue("https://supplier.example/catalogue")
    prices = await pull_prices("https://supplier.example/prices")
    return {"items": len(items), "prices": len(prices)}

import httpx
from fastapi import FastAPI

from desk.markets import MarketDirectory

app = FastAPI()
directory = MarketDirectory(httpx.AsyncClient(base_url="https://api.exchange.example", timeout=10))


@app.get("/accounts/{account}")
async def account(account: str) -> dict:
    directory.tick()
    sizes = await directory.contract_sizes()
    return {"holder": await directory.holder(account), "markets": len(sizes),
            "pair": directory.pair_for_address(account)}

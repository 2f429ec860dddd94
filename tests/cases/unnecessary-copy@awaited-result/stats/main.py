import httpx
from fastapi import FastAPI

from stats.client import RankingClient
from stats.summary import SummaryService

app = FastAPI()
service = SummaryService(RankingClient(httpx.AsyncClient(base_url="http://ranking")), cache=None)


@app.get("/summary")
async def summary(limit: int = 100) -> dict[str, float]:
    return {"median": await service.median(limit), "unknown": await service.audit(limit)}

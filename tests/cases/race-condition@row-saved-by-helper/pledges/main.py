from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from .repository import CampaignRepository
from .service import CampaignService

app = FastAPI()
service = CampaignService(CampaignRepository(async_sessionmaker(create_async_engine("postgresql+asyncpg://db/x"))))


@app.post("/campaigns/{campaign_id}/cash")
async def cash(campaign_id: int, amount_cents: int) -> dict:
    return {"raised": await service.record_cash(campaign_id, amount_cents)}


@app.post("/campaigns/{campaign_id}/online")
async def online(campaign_id: int, amount_cents: int) -> dict:
    await service.record_online(campaign_id, amount_cents)
    return {}


@app.get("/campaigns/{campaign_id}/preview")
async def preview(campaign_id: int, amount_cents: int) -> dict:
    return {"text": await service.preview(campaign_id, amount_cents)}

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from mailer.campaign import CampaignWorker
from mailer.provider import Provider


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.campaigns = asyncio.Queue(maxsize=100)
    worker = CampaignWorker(Provider())
    task = asyncio.create_task(worker.run(app.state.campaigns))
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/campaigns")
async def queue_campaign(campaign: dict) -> dict:
    await app.state.campaigns.put(campaign)
    return {"queued": True}

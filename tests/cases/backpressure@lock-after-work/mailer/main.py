"""Campaign mailer: sends a campaign to every subscriber on request."""
from fastapi import FastAPI

from mailer.campaigns import CampaignSender

app = FastAPI()
sender = CampaignSender()


@app.post("/campaigns/{campaign_id}/send")
async def send_campaign(campaign_id: int) -> dict[str, int]:
    sent = await sender.send(campaign_id)
    await sender.send_bounded(campaign_id)
    return {"sent": sent}

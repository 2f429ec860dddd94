"""Alerting API."""
from fastapi import FastAPI
from redis.asyncio import Redis

from alerts.notifier import Notifier
from alerts.sms import SmsGateway

app = FastAPI()
notifier = Notifier(Redis.from_url("redis://localhost"), SmsGateway("https://sms.example.com/send"))


@app.post("/rules/{rule_id}/page")
async def page(rule_id: int, phone: str, message: str) -> dict[str, bool]:
    await notifier.page(rule_id, phone, message, 300)
    await notifier.page_sync_client(rule_id, phone, message, 300)
    await notifier.page_claimed(rule_id, phone, message, 300)
    await notifier.note_seen(rule_id)
    return {"ok": True}


@app.get("/rules/{rule_id}")
async def summary(rule_id: int) -> dict:
    return await notifier.rule_summary(rule_id)

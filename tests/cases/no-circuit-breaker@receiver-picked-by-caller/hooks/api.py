from fastapi import FastAPI

from hooks.sender import PartnerSender, ReceiptSender, WebhookSender
from hooks.service import PartnerService, ReceiptService, WebhookService

app = FastAPI()
webhooks = WebhookService(WebhookSender())
partners = PartnerService(PartnerSender())
receipts = ReceiptService(ReceiptSender())


@app.post("/endpoints/{endpoint_id}/test")
async def test_endpoint(endpoint_id: int) -> dict:
    endpoint = {"id": endpoint_id, "url": "https://tenant.example.com/hook", "secret": "s"}
    return {"ok": await webhooks.deliver(endpoint, "ping", {})}


@app.post("/orders/{order_id}/events")
async def order_event(order_id: int) -> dict:
    endpoint = {"id": 1, "url": "https://tenant.example.com/hook", "secret": "s"}
    return {"ok": await webhooks.deliver(endpoint, "order.updated", {"order": order_id})}


@app.post("/partners/{partner_id}/callback")
async def partner_callback(partner_id: int) -> dict:
    partner = {"id": partner_id, "url": "https://partner.example.com/cb"}
    return {"ok": await partners.callback(partner, {})}


@app.post("/partners/{partner_id}/replay")
async def partner_replay(partner_id: int) -> dict:
    partner = {"id": partner_id, "url": "https://partner.example.com/cb"}
    return {"ok": await partners.callback(partner, {"replay": True})}


@app.post("/orders/{order_id}/paid")
async def order_paid(order_id: int) -> dict:
    return {"ok": await receipts.confirm({"id": order_id, "callback_url": "https://shop.example.com/cb"})}


@app.post("/orders/{order_id}/refunded")
async def order_refunded(order_id: int) -> dict:
    return {"ok": await receipts.confirm({"id": order_id, "callback_url": "https://shop.example.com/cb"})}

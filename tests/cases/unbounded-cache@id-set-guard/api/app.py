from fastapi import FastAPI

from relay.acks import acknowledge, track, untrack
from relay.outbox import InvoiceRelay

app = FastAPI()
relay = InvoiceRelay(http=None)


@app.post("/couriers/{parcel_id}/callback")
async def courier_callback(parcel_id: str) -> dict:
    return {"first": acknowledge(parcel_id)}


@app.post("/tracking/{key}")
async def start_tracking(key: str) -> dict:
    return {"started": track(key)}


@app.delete("/tracking/{key}")
async def stop_tracking(key: str) -> None:
    untrack(key)


@app.post("/invoices/{invoice_id}/push")
async def push_invoice(invoice_id: int) -> None:
    await relay.push({"id": invoice_id})

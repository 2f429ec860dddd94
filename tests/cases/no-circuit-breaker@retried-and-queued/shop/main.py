"""Checkout: quotes tax, books the invoice, queues the receipt."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from shop.clients import LedgerClient, MailClient, SmsClient, TaxClient
from shop.outbox import Outbox


@asynccontextmanager
async def lifespan(app: FastAPI):
    ledger = LedgerClient()
    await ledger.start()
    outbox = Outbox(MailClient(), SmsClient())
    app.state.ledger = ledger
    app.state.tax = TaxClient()
    app.state.outbox = outbox
    tasks = [asyncio.create_task(outbox.send_receipts()), asyncio.create_task(outbox.send_texts())]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/checkout")
async def checkout(order: dict, request: Request) -> dict:
    tax = await request.app.state.tax.quote(order["amount"])
    invoice = {"order": order["id"], "amount": order["amount"], "tax": tax["amount"]}
    await request.app.state.ledger.post_invoice(invoice)
    request.app.state.outbox.receipt({"to": order["email"], "invoice": invoice})
    request.app.state.outbox.text({"to": order["phone"], "text": "Thanks for your order"})
    return invoice

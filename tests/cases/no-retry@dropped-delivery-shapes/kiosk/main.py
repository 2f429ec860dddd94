import asyncio

from fastapi import FastAPI, WebSocket

from kiosk.dispatcher import Dispatcher
from kiosk.hub import BoxOfficeClient, HubClient, PrinterClient
from kiosk.sms import Notifier, SenderRegistry, SmsClient, supervise
from kiosk.tickets import TicketService

app = FastAPI()
texts: "asyncio.Queue[tuple[str, str]]" = asyncio.Queue()
hub = HubClient("https://hub.venue.example")
dispatcher = Dispatcher(hub)
tickets = TicketService(BoxOfficeClient("https://tickets.venue.example"), PrinterClient("https://print.venue.example"))


@app.websocket("/kiosk")
async def kiosk_socket(ws: WebSocket) -> None:
    await ws.accept()
    while True:
        message = await ws.receive_json()
        await ws.send_json(await dispatcher.handle(message))


@app.post("/tickets/cancel")
async def cancel(ticket_ids: list[str]) -> dict[str, bool]:
    return await tickets.cancel_many(ticket_ids)


@app.post("/tickets/reprint")
async def reprint(ticket_ids: list[str]) -> dict:
    return {"reprinted": await tickets.reprint_many(ticket_ids)}


@app.post("/receipts/flush")
async def flush() -> dict:
    return {"sent": await tickets.flush_receipts()}


@app.on_event("startup")
async def start_notifier() -> None:
    notifier = Notifier(SmsClient("https://sms.example.net"), SenderRegistry("https://sms.example.net/v2"), texts)
    supervise("notifier", notifier.run)

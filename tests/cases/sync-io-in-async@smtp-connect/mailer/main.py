"""Mail API."""
from fastapi import FastAPI

from mailer.outbox import Outbox

app = FastAPI()
outbox = Outbox()


@app.post("/receipts")
async def receipt(to: str, body: str) -> dict[str, bool]:
    await outbox.send_receipt(to, body)
    return {"sent": True}


@app.post("/resets")
async def reset(to: str) -> dict[str, bool]:
    await outbox.send_reset(to)
    return {"sent": True}

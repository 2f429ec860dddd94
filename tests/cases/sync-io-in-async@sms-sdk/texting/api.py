from __future__ import annotations

import asyncio

from fastapi import FastAPI
from twilio.rest import Client

app = FastAPI()
client = Client("sid", "token")


def _send(phone: str, body: str) -> str:
    return client.messages.create(to=phone, from_="+15550100", body=body).sid


@app.post("/verify/{phone}")
async def start_verification(phone: str) -> dict:
    message = client.messages.create(to=phone, from_="+15550100", body="code: 1234")  # expect: sync-io-in-async
    return {"sid": message.sid}


@app.post("/notify/{phone}")
async def notify(phone: str) -> dict:
    # look-alike: the SDK call runs in a worker thread
    return {"sid": await asyncio.to_thread(_send, phone, "hello")}


@app.post("/remind/{phone}")
async def remind(phone: str) -> dict:
    # look-alike: the SDK's coroutine twin of the same call
    message = await client.messages.create_async(to=phone, from_="+15550100", body="reminder")
    return {"sid": message.sid}

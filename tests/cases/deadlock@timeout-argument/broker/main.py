from fastapi import FastAPI

from broker.client import BrokerClient

app = FastAPI()
broker = BrokerClient("/run/broker.sock")


@app.get("/events/next")
async def next_event() -> dict:
    await broker.connect()
    return await broker.next_event()

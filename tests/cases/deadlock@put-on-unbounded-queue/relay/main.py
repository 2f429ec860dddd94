from fastapi import FastAPI

from .relay import Relay, acknowledge, forward

app = FastAPI()
relay = Relay()


@app.post("/publish")
async def publish(message: dict) -> None:
    await relay.publish(message)
    await relay.publish_bounded(message)


@app.post("/channels/{channel}")
async def channel(channel: str, message: dict) -> None:
    await forward(channel, message)
    await acknowledge(channel, message)

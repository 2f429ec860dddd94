from fastapi import FastAPI

from registry.epp import FrameClient

app = FastAPI()
client = FrameClient("epp.registry.example", 700)


@app.post("/domains/{name}/renew")
async def renew(name: str) -> dict:
    reply = await client.command(f"<renew>{name}</renew>")
    return {"reply": reply.decode(), "check": (await client.command_bounded(f"<check>{name}</check>")).decode()}

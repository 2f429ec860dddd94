import socketio
from fastapi import FastAPI

sio = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins=[])
api = FastAPI()
app = socketio.ASGIApp(sio, other_asgi_app=api)


@api.get("/health")
async def health():
    return {"ok": True}

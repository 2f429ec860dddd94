"""Officer feeds: the token is read before the socket is accepted."""
import jwt
from fastapi import FastAPI, WebSocket

app = FastAPI()
SECRET = "change-me"
SESSIONS: dict = {}


def decode(token: str) -> dict:
    return jwt.decode(token, SECRET, algorithms=["HS256"])


async def load_profile(user_id: str) -> dict:
    return {"id": user_id}


@app.websocket("/ws/feed")
async def feed(ws: WebSocket, token: str) -> None:
    try:
        claims = decode(token)
    except Exception:
        await ws.close(code=4401)
        return
    await ws.accept()
    await ws.send_json({"user": claims["sub"]})


@app.websocket("/ws/profile")
async def profile(ws: WebSocket, user_id: str) -> None:
    try:
        data = await load_profile(user_id)
    except Exception:  # expect: broad-except
        await ws.close(code=4401)
        return
    await ws.accept()
    await ws.send_json(data)


@app.websocket("/ws/session")
async def session(ws: WebSocket, token: str) -> None:
    try:
        claims = SESSIONS[token].claims()
    except Exception:
        await ws.close(code=4401)
        return
    await ws.accept()
    await ws.send_json(claims)


class Upstream:
    async def close(self, code: int) -> None: ...

    async def send(self, data: dict) -> None: ...


@app.websocket("/ws/relay")
async def relay(ws: WebSocket, token: str) -> None:
    upstream = Upstream()
    try:
        claims = SESSIONS[token].claims()
    except Exception:  # expect: broad-except
        await upstream.close(code=4401)
        return
    await upstream.send(claims)

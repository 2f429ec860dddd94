"""Per-client state kept in module registries by the socket.io handlers."""
import json
from pathlib import Path

from .auth import verify_token
from .server import sio

# filled in connect, never emptied: one entry per client ever connected
profiles: dict[str, dict] = {}
# filled in connect, emptied in disconnect (through a helper)
online: dict[str, str] = {}
typing_in: dict[str, set[str]] = {}


@sio.event
async def connect(sid, environ, auth):
    user = await verify_token((auth or {}).get("token", ""))
    if user is None:
        raise ConnectionRefusedError("authentication failed")
    profiles[sid] = {"user": user, "agent": environ.get("HTTP_USER_AGENT")}
    online[sid] = user
    typing_in.setdefault(user, set()).add(sid)


@sio.event
async def disconnect(sid, reason=None):
    _forget(sid)


def _forget(sid):
    user = online.pop(sid, None)
    if user is not None:
        typing_in.get(user, set()).discard(sid)


@sio.on("message", namespace="/")
async def on_message(sid, data):
    text = Path("/var/chat/motd.txt").read_text()
    await sio.emit("message", {"text": data.get("text"), "motd": text}, room=data.get("room"))


@sio.on("history")
def history(sid, data):
    with open("/var/chat/history.json") as fh:
        return json.load(fh)


async def on_join(sid, data):
    await sio.enter_room(sid, data["room"])


sio.on("join", on_join)

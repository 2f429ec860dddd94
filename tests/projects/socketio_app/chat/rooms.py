"""A class-based namespace: one instance serves every client of `/rooms`."""
import socketio

from .server import sio


class RoomsNamespace(socketio.AsyncNamespace):
    def __init__(self, namespace):
        super().__init__(namespace)
        self.members: dict[str, str] = {}
        self.seen: dict[str, float] = {}

    async def on_connect(self, sid, environ):
        self.members[sid] = environ.get("REMOTE_ADDR", "")
        self.seen[sid] = 0.0

    async def on_disconnect(self, sid):
        self.members.pop(sid, None)

    async def on_enter(self, sid, data):
        await self.enter_room(sid, data["room"])

    def helper(self):
        return len(self.members)


sio.register_namespace(RoomsNamespace("/rooms"))

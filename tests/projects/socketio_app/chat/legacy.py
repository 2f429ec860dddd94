"""A sync socket.io server: each handler runs in a thread of its own, not on an event loop."""
import socketio

legacy = socketio.Server(async_mode="threading")
wsgi_app = socketio.WSGIApp(legacy)
sessions: dict[str, dict] = {}


@legacy.on("upload", namespace="/files")
def upload(sid, data):
    with open(f"/var/uploads/{data['name']}", "wb") as fh:
        fh.write(data["body"])


@legacy.event(namespace="/files")
def connect(sid, environ):
    sessions[sid] = {"addr": environ.get("REMOTE_ADDR")}


@legacy.event(namespace="/files")
def disconnect(sid):
    del sessions[sid]

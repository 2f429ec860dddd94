"""python-socketio servers in the application model: event handlers registered by decorator, by
call and as namespace-class methods become websocket entries (event, namespace) that run on the
loop for an AsyncServer and in threads for the sync Server; RA326 reports per-client state kept at
connect that no disconnect handler releases, and the blocking rule reads the two servers apart."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assess
from test_app_model import build_model

PROJECT = Path(__file__).parent / "projects" / "socketio_app"


@pytest.fixture(scope="module")
def app():
    return build_model(PROJECT).app


@pytest.fixture(scope="module")
def findings():
    return assess(PROJECT).findings


def test_socketio_handlers_are_websocket_entries(app):
    found = {(e.details["event"], e.details["namespace"], e.function.rsplit(".", 1)[-1], e.runs_in, e.details["how"])
             for e in app.of_kind("websocket")}
    assert found == {
        ("connect", "/", "connect", "event-loop", "decorator"),  # @sio.event: the function's name
        ("disconnect", "/", "disconnect", "event-loop", "decorator"),
        ("message", "/", "on_message", "event-loop", "decorator"),  # @sio.on("message", namespace="/")
        ("history", "/", "history", "event-loop", "decorator"),  # sync, but an AsyncServer calls it on the loop
        ("join", "/", "on_join", "event-loop", "call"),  # sio.on("join", on_join)
        ("upload", "/files", "upload", "thread", "decorator"),  # the sync Server: a thread per handler
        ("connect", "/files", "connect", "thread", "decorator"),  # @legacy.event(namespace=...)
        ("disconnect", "/files", "disconnect", "thread", "decorator"),
        ("connect", "/rooms", "on_connect", "event-loop", "namespace-class"),  # register_namespace(Ns("/rooms"))
        ("disconnect", "/rooms", "on_disconnect", "event-loop", "namespace-class"),
        ("enter", "/rooms", "on_enter", "event-loop", "namespace-class"),
    }
    # a socket.io client's handlers and a namespace's plain methods are no entry points of the server
    assert not {e.function for e in app.entrypoints} & {"chat.client.on_price", "chat.rooms.RoomsNamespace.helper"}


def test_state_kept_at_connect_and_never_released_at_disconnect(findings):
    found = sorted((f.location.path, f.location.start_line) for f in findings if f.rule == "RA326")
    # `profiles[sid]` and `self.seen[sid]` fire; `online`/`typing_in` (released through a helper),
    # `self.members` (popped in on_disconnect) and the sync server's `sessions` (del) stay silent
    assert found == [("chat/presence.py", 20), ("chat/rooms.py", 15)]
    text = next(f for f in findings if f.rule == "RA326").description
    assert "disconnect" in text and "WebSocketDisconnect" not in text


def test_blocking_io_in_handlers_by_server_kind(findings):
    """The AsyncServer's coroutine and its sync handler block the loop; the sync Server's handler
    runs in a thread of its own and stays silent."""
    found = {(f.location.path, f.location.start_line) for f in findings if f.rule == "RA301"}
    assert found == {("chat/presence.py", 38), ("chat/presence.py", 44)}
    sync = next(f for f in findings if f.rule == "RA301" and f.location.start_line == 44)
    assert "AsyncServer calls it on the event loop" in sync.title and "None" not in sync.recommendation

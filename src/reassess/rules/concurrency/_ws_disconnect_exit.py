"""A websocket handler's release that runs on the only way its receive loop can end: the
FastAPI documentation's idiom, `try: while True: await ws.receive_text()` / `except
WebSocketDisconnect: manager.disconnect(ws)`."""
from __future__ import annotations

from ...model.resilience import blocks as blk
from ._ws import Handler, Step

# Receives that hand a frame back untouched: on close they raise WebSocketDisconnect and nothing
# else (`receive_json` parses, so invalid JSON is another way out; a bare `receive()` returns the
# disconnect message instead of raising).
_PLAIN_RECEIVES = frozenset({"receive_text", "receive_bytes"})
_DISCONNECTS = frozenset({"WebSocketDisconnect"})


def released_on_only_exit(model, handler: Handler, cleanup: Step) -> bool:
    """The release sits in `except WebSocketDisconnect:` of a `try` entered right after the
    registration (no call in between), whose body is a forever loop that only waits for
    frames and drops them: it can neither send, parse nor break out, so the disconnect is its
    only exit and the release runs on it."""
    func = handler.func
    for clause in blk.enclosing(func, cleanup.line, "except"):
        caught = {name.rsplit(".", 1)[-1] for name in blk.caught_names(model, handler.facts, clause["types"])}
        tried = next((b for b in blk.blocks(func, "try") if b["line"] == clause["try_line"]), None)
        if caught & _DISCONNECTS and tried is not None and _entered_after_registration(handler, tried) \
                and _only_waits_for_frames(handler, tried):
            return True
    return False


def _entered_after_registration(handler: Handler, tried: dict) -> bool:
    """The `try` starts after the first registration, with no call between them that could fail."""
    reg = handler.registrations[0]
    return reg.end_line < tried["line"] and not any(reg.end_line < s.line < tried["line"] for s in handler.func.calls)


def _only_waits_for_frames(handler: Handler, tried: dict) -> bool:
    """Every call in the `try` body is a plain receive on the handler's socket, the body holds a
    `while True` loop with no `break` or `return`, and nothing returns from the body."""
    func, start, end = handler.func, tried["line"], tried["end"]
    calls = blk.calls_in(func, start, end)
    loops = [b for b in blk.blocks(func, "loop") if start <= b["line"] <= end]
    returns = [line for line in func.extra.get("return_lines", ()) if start <= line <= end]
    return bool(calls) and all(s.func and len(s.func) == 2 and s.func[0] == handler.socket
                               and s.func[1] in _PLAIN_RECEIVES for s in calls) \
        and bool(loops) and all(b.get("forever") and not b.get("ends_on_success") for b in loops) and not returns

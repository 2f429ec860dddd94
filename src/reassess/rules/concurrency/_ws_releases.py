"""How RA316 words the release a websocket handler should run in `finally`: the registry's own
undo method (`rooms.leave` for `rooms.join`), `CLIENTS.pop(key, None)` for a store, `-= 1` for a
count, handed what was registered (the socket, or the object built around it)."""
from __future__ import annotations

from ._ws import Handler, Step, socket_wrappers
from ._ws_registries import project_method_at, release_named


def release_text(model, handler: Handler, reg: Step) -> str:
    """The release to write in `finally`: `CLIENTS.pop(key, None)` for a store, else the
    registry's own release method (`rooms.leave`), `disconnect` when it has none."""
    if reg.count:
        key = f"[{subscript_key(model, handler.facts.path, reg.line)}]" if reg.name.endswith("[...]") else ""
        return f"{reg.receiver}{key} -= 1"
    if reg.name.endswith("[...]"):
        return f"{reg.receiver}.pop({subscript_key(model, handler.facts.path, reg.line)}, None)"
    given = reg.result or _wrapper_given(handler, reg) or handler.socket
    if not reg.receiver and "." not in reg.name:  # a module function: its module's undo function
        return f"{_undo(reg.name) or 'unregister'}({given})"
    receiver = reg.receiver or reg.name.rsplit(".", 1)[0]
    return f"{receiver}.{_release_verb(model, handler, reg)}(..., {given})"


def _wrapper_given(handler: Handler, reg: Step) -> str:
    """The object built around the socket that the registration was handed (`hub.join(room, client)`
    with `client = ChatClient(ws, user)`): what its release is handed back; "" when none."""
    wrappers = socket_wrappers(handler)
    site = next((s for s in handler.func.calls if s.line == reg.line and s.name == reg.name), None)
    refs = [a.get("ref") for a in site.args if isinstance(a, dict)] if site is not None else []
    return next((ref for ref in refs if ref in wrappers), "")


def _release_verb(model, handler: Handler, reg: Step) -> str:
    """The registry class's own release method (`leave` for `rooms.join`), else `unsubscribe` for
    a hub holding what it hands out and `disconnect` for one holding the socket."""
    verb = "unsubscribe" if reg.holds else "disconnect"
    callee = project_method_at(model, handler, reg.line)
    if callee:
        owner = model.classes[callee.rsplit(".", 1)[0]]
        return _release_method(reg.name.rsplit(".", 1)[-1], owner[1].methods) or verb
    return verb


def subscript_key(model, path: str, line: int) -> str:
    """The key written in the store at `line` (`lot_id` of `CLIENTS[lot_id] = websocket`), "key" if none."""
    target = model.line_text(path, line).partition("=")[0]
    return target[target.find("[") + 1:target.rfind("]")] if "[" in target else "key"


# the release that undoes each registration verb, preferred when the class has it
_UNDO = {"subscribe": "unsubscribe", "register": "unregister", "attach": "detach", "connect": "disconnect",
         "join": "leave", "add": "remove"}


def _release_method(registered: str, methods: list[str]) -> str:
    """The class's method that undoes `registered` (`subscribe` -> `unsubscribe...`), else its
    first release-named method in definition order, else ""."""
    undo = _undo(registered)
    if undo:
        found = next((m for m in methods if m.startswith(undo)), "")
        if found:
            return found
    return release_named(methods)


def _undo(registered: str) -> str:
    """The verb that undoes a registration verb (`subscribe` -> `unsubscribe`), "" when none."""
    return next((u for word, u in _UNDO.items() if registered.startswith(word)), "")


def registered_text(reg: Step) -> str:
    """What the registration puts in the shared registry, in words."""
    if reg.holds:
        kept = f"`{reg.result}`, kept in `{reg.holds}`" if reg.result else f"kept in `{reg.holds}`"
        return f"per-connection state with `{reg.name}(...)` ({kept})"
    if reg.count:
        return f"itself in the shared count `{reg.name.replace('[...]', '[key]')}` (`+= 1`)"
    if reg.name.endswith("[...]"):
        return f"the connection in the {'shared' if '.' in reg.receiver else 'module-level'} `{reg.receiver}`"
    return f"the connection with `{reg.name}(...)`"

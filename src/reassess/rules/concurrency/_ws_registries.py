"""What a project registry keeps for each websocket connection, and whether anything takes it out.

The handler side of RA316 asks whether a release runs on every exit; these questions are about the
registry itself: a class that stores the socket and offers no way to release one connection, an
entry keyed by the socket that no method ever removes, an entry left behind beside one that is
released, and a per-connection record in a module-level container nothing empties.
"""
from __future__ import annotations

import re
from typing import Iterator

from ...model.project import Edge
from ...model.resilience.state import ModuleState, module_state
from ._ws import CLEANUP, Handler


def kept_for_good(model, handler: Handler) -> tuple[str, int, str] | None:
    """(method, line, container) when the handler registers its socket through a project method
    that stores it in one of its object's containers (`self._sockets[key] = websocket`) and the
    class offers no release: no release-named method and no removal from that container."""
    reg = handler.registrations[0]
    for edge, callee, methods, param in _socket_handed(model, handler):
        if edge.site.line != reg.line:
            continue
        if not param:
            return None
        facts, func = model.functions[callee]
        stored = _stored(model, facts.path, func, param)
        if stored is None or _released(model, callee.rsplit(".", 1)[0], methods, stored[1]):
            return None
        return callee, *stored
    return None


def _socket_handed(model, handler: Handler) -> Iterator[tuple[Edge, str, list[str], str]]:
    """(call, method, its class's methods, the parameter receiving the socket, "" when none) for
    each call handing the handler's socket, as a positional argument, to a method of a project class."""
    ref = {"ref": handler.socket}
    for edge in model.edges.get(handler.fq, ()):
        callee = model.callee_function(edge.target)
        owner = model.classes.get(callee.rsplit(".", 1)[0]) if callee else None
        if owner is None or ref not in edge.site.args:
            continue
        func = model.functions[callee][1]
        index = edge.site.args.index(ref) + (1 if func.params and func.params[0].name == "self" else 0)
        yield edge, callee, owner[1].methods, func.params[index].name if index < len(func.params) else ""


def _stored(model, path: str, func, param: str) -> tuple[int, str] | None:
    """(line, container) where the method puts `param` into a container of `self`."""
    for store in func.extra.get("stores", ()):
        if store["item"] and store["kind"] == "set" and store["target"].startswith("self.") \
                and re.search(rf"=\s*{re.escape(param)}\s*(#.*)?$", model.line_text(path, store["line"])):
            return store["line"], store["target"]
    for site in func.calls:
        if site.func and site.func[0] == "self" and site.func[-1] in ("add", "append") \
                and {"ref": param} in site.args:
            return site.line, ".".join(site.func[:-1])
    return None


def never_removed(model, handler: Handler) -> list[tuple[str, int, str]]:
    """(method, line, container) for each store keyed by the connection (`self._seen[id(ws)] =
    ...`, `self._meta[ws] = ...`) in a project method the handler hands its socket to, into a
    container of `self` that no method of the class ever takes entries out of or rebinds."""
    found = []
    for _, callee, methods, param in _socket_handed(model, handler):
        if not param or callee.endswith(".__init__"):
            continue
        facts, func = model.functions[callee]
        cls = callee.rsplit(".", 1)[0]
        for store in func.extra.get("stores", ()):
            target = store["target"]
            if store["item"] and store["kind"] == "set" and target.startswith("self.") and target.count(".") == 1 \
                    and _keyed_by(model.line_text(facts.path, store["line"]), param) \
                    and not _removed_from(model, cls, methods, target):
                found.append((callee, store["line"], target))
    return found


def left_behind(model, handler: Handler) -> list[tuple[str, int, str, tuple[int, str]]]:
    """(method, line, container, (line, sibling)) for each entry the method registering a
    connection (`sub = hub.subscribe(...)`) stores into a container of `self` under the same key as
    another entry it stores (`self._subs[sub.id] = sub`, `self._filters[sub.id] = ...`), when the
    class takes entries out of the sibling but never out of this container: the key is one
    connection's, and its release forgets this one."""
    found = []
    for reg in handler.registrations:
        callee = project_method_at(model, handler, reg.line, reg.name) if reg.holds else ""
        if not callee:
            continue
        cls = callee.rsplit(".", 1)[0]
        methods = model.classes[cls][1].methods if cls in model.classes else []
        keyed: dict[str, list[tuple[int, str]]] = {}
        for store in model.functions[callee][1].extra.get("stores", ()):
            target, key = store["target"], store.get("key")
            if store["item"] and store["kind"] == "set" and target.startswith("self.") and target.count(".") == 1 \
                    and isinstance(key, dict) and key.get("ref"):
                keyed.setdefault(key["ref"], []).append((store["line"], target))
        for entries in keyed.values():
            released = [e for e in entries if _removed_from(model, cls, methods, e[1])]
            found += [(callee, line, target, released[0]) for line, target in entries
                      if released and (line, target) not in released and all(target != r[1] for r in released)]
    return found


def project_method_at(model, handler: Handler, line: int, name: str = "") -> str:
    """The first method of a project class the handler calls on `line` (named `name` when given), "" if none."""
    for edge in model.edges.get(handler.fq, ()):
        if edge.site.line == line and (not name or edge.site.name == name):
            callee = model.callee_function(edge.target)
            if callee and callee.rsplit(".", 1)[0] in model.classes:
                return callee
    return ""


def session_entries(model, handler: Handler) -> list[tuple[int, ModuleState]]:
    """(line, state) for each entry the handler makes once per connection in a module-level
    container, keyed by one of its path or query parameters (`_device_sessions[device_id] =
    {...}`, before its receive loop), holding a record built there (a literal or a constructor
    call), when no function of the project ever removes an entry from that container."""
    if not handler.route:
        return []
    params = {p.name for p in handler.func.params if not p.default_call} - {handler.socket}
    loops = [(line, info.get("end", line)) for line, info in handler.func.extra.get("loops", {}).items()]
    found = []
    for store in handler.func.extra.get("stores", ()):
        key, line = store.get("key"), store["line"]
        if store["item"] and store["kind"] == "set" and isinstance(key, dict) and key.get("ref") in params \
                and not any(start <= line <= end for start, end in loops) and _fresh_record(model, handler, line):
            state = _state_written(model, handler.fq, line)
            if state is not None and all(w.how in _ADDS or w.how.startswith("assignment to ") for w in state.writes):
                found.append((line, state))
    return found


def _fresh_record(model, handler: Handler, line: int) -> bool:
    """The stored value is built on that line: a dict/list/set literal or a call that is not awaited
    (`{"connected_at": now(), ...}`, `Session(device_id)`), not something looked up or fetched."""
    value = model.line_text(handler.facts.path, line).partition("=")[2].strip()
    return value[:1] in ("{", "[") or any(s.line == line and not s.awaited and s.func for s in handler.func.calls)


def _state_written(model, fq: str, line: int) -> ModuleState | None:
    """The module-level container `fq` writes at `line`."""
    return next((s for s in module_state(model) if s.kind == "container"
                 and any(w.function == fq and w.line == line for w in s.writes)), None)


# writes that only add or change entries: a container written only so never loses one
_ADDS = frozenset({"item assignment", "in-place update of an item", "`setdefault()`", "`update()`"})


def _keyed_by(line: str, param: str) -> bool:
    """The subscript of the store names the parameter: `self._seen[id(ws)] = now`, `self._m[ws] = x`."""
    target = line.partition("=")[0]
    return re.search(rf"\[[^\]]*\b{re.escape(param)}\b[^\]]*\]", target) is not None


def _released(model, cls: str, methods: list[str], container: str) -> bool:
    """A release-named method, or any method that takes items out of `container`."""
    return bool(release_named(methods)) or _removed_from(model, cls, methods, container)


_RELEASE_PREFIXES = tuple(sorted(CLEANUP))


def release_named(methods: list[str]) -> str:
    """The class's first method, in definition order, named as a release (`disconnect...`,
    `unsubscribe...`), "" when none: the registry's own way to let one connection go."""
    return next((m for m in methods if m.startswith(_RELEASE_PREFIXES)), "")


def _removed_from(model, cls: str, methods: list[str], container: str) -> bool:
    """Some method takes one item out of `container` (`pop`, `del`, `discard`...), rebinds it
    outside `__init__`, or binds a local alias of it (which may take items out): entries may leave it."""
    parts, ref = tuple(container.split(".")), {"ref": container}
    for method in methods:
        found = model.functions.get(f"{cls}.{method}")
        if found is None:
            continue
        func = found[1]
        if any(s.func and s.func[:-1] == parts and s.func[-1] in _TAKES for s in func.calls) \
                or ref in func.local_types.values():
            return True
        if any(st["target"] == container and (st["kind"] == "del" or method != "__init__" and st["kind"] == "set"
                                              and not st["item"]) for st in func.extra.get("stores", ())):
            return True
    return False


_TAKES = frozenset({"pop", "remove", "discard", "popitem"})  # not `clear`: that frees no one connection

"""RA327 websocket-lifecycle: a hub subscribes to a broker channel per room and drops the room
without unsubscribing."""
from __future__ import annotations

import re
from typing import Iterator

from ...facts.types import CallSite, FunctionFacts
from ...findings import Finding, Location
from ...model.app import is_test_path
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._ws import Handler, handlers, response_handlers

_SUBSCRIBES = frozenset({"subscribe", "psubscribe"})
_UNSUBSCRIBES = frozenset({"unsubscribe", "punsubscribe"})
_TAKES = frozenset({"pop", "popitem"})


@register
class RoomSubscriptionKept(Rule):
    """A hub that websocket handlers join subscribes to a broker channel when a room gets its
    first member, and drops the room without unsubscribing from it.

    What it finds:
        A method of a project class that a websocket handler calls to register its connection
        (`await hub.join(session_id, client)`) and that, for the key it is given, both subscribes a
        subscription the object keeps to a channel named from that key (`await
        self._pubsub.subscribe(self.channel(session_id))`) and creates the key's entry in one of its
        containers (`self._rooms[session_id] = set()`), when the class takes entries out of that
        container (`del self._rooms[session_id]` once the room is empty) but no method of it ever
        calls `unsubscribe`/`punsubscribe` on that subscription. Reported at the subscribe. Closing
        the whole subscription at shutdown (`aclose()`) releases no single room.

    Why it matters:
        The subscription outlives the room. The broker keeps sending every message of every room
        that was ever opened on this replica, the relay reads and decodes each one only to find no
        local member, and the set of channels grows with every new room (session, match, document)
        for the life of the process: broker load, network and CPU grow with history, not with the
        rooms in use.

    Example:
        def leave(self, room, client):
            members = self._rooms.get(room)
            members.discard(client)
            if not members:
                del self._rooms[room]

    Instead:
        Unsubscribe when the last member leaves, in the same step that drops the room:

            async def leave(self, room, client):
                members = self._rooms.get(room)
                members.discard(client)
                if not members:
                    del self._rooms[room]
                    await self._pubsub.unsubscribe(self.channel(room))
    """

    id = "RA327"
    name = "room-subscription-kept"
    category = "websocket-lifecycle"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model, seen = ctx.model, set()
        for handler in [*handlers(model), *response_handlers(model)]:
            if is_test_path(handler.facts.path):
                continue
            for method in _joined_methods(model, handler):
                found = _room_subscription(model, method)
                if found is not None and (method, found[0].line) not in seen:
                    seen.add((method, found[0].line))
                    yield self._finding(model, handler, method, *found)

    def _finding(self, model, handler: Handler, method: str, site: CallSite, container: str,
                 removals: list[tuple[str, int]]) -> Finding:
        facts, _ = model.functions[method]
        owner = short(method.rsplit(".", 1)[0])
        receiver = ".".join(site.func[:-1])
        where, line = removals[0]
        description = (f"`{short(method)}` subscribes `{receiver}` to a channel per key (line {site.line}) when it "
                       f"creates the key's entry in `{container}`. `{owner}` takes entries out of `{container}` "
                       f"({short(where)}, line {line}) but never unsubscribes: no method calls `{receiver}."
                       "unsubscribe(...)`. Every room that ever had a member stays subscribed after it empties, so "
                       "the broker keeps delivering its messages to this process, which reads them for nobody; "
                       f"the subscriptions grow with every room `{short(handler.fq)}` opens.")
        related = [Location(model.functions[where][0].path, line, line, "the room is dropped here, still subscribed"),
                   Location(handler.facts.path, handler.func.line, handler.func.line,
                            f"`{short(handler.fq)}` joins connections through `{short(method)}`")]
        recommendation = (f"Unsubscribe where the last member leaves, together with dropping the entry:\n\n"
                          f"    if not members:\n        del {container}[key]\n"
                          f"        await {receiver}.unsubscribe(<the channel of key>)")
        return self.finding(Location(facts.path, site.line, site.end_line),
                            f"`{short(method)}` subscribes per room and never unsubscribes", description,
                            related=related, recommendation=recommendation)


def _joined_methods(model, handler: Handler) -> list[str]:
    """The project methods the handler registers its connection through (`hub.join(...)`)."""
    lines = {r.line for r in handler.registrations}
    found = []
    for edge in model.edges.get(handler.fq, ()):
        callee = model.callee_function(edge.target) if edge.site.line in lines else None
        if callee and callee.rsplit(".", 1)[0] in model.classes and callee not in found:
            found.append(callee)
    return found


def _room_subscription(model, method: str) -> tuple[CallSite, str, list[tuple[str, int]]] | None:
    """(the subscribe, the container, where entries are taken out) when `method` subscribes per key
    and creates the key's entry, and its class drops entries but never unsubscribes."""
    facts, func = model.functions[method]
    params = [p.name for p in func.params if p.name not in ("self", "cls")]
    cls = method.rsplit(".", 1)[0]
    methods = [f"{cls}.{name}" for name in model.classes[cls][1].methods if f"{cls}.{name}" in model.functions]
    for site in func.calls:
        if not (site.func and len(site.func) == 3 and site.func[0] == "self" and site.func[-1] in _SUBSCRIBES):
            continue
        key = next((p for p in params if _mentions(model, facts.path, site, p)), "")
        container = _entry_created(func, key) if key else ""
        if not container or _unsubscribes(model, methods, site.func[1]):
            continue
        removals = _removals(model, methods, container)
        if removals:
            return site, container, removals
    return None


def _mentions(model, path: str, site: CallSite, name: str) -> bool:
    """The call's text names `name` (the channel is built from the key: `self.channel(room)`, an f-string)."""
    word = re.compile(rf"\b{re.escape(name)}\b")
    return any(word.search(model.line_text(path, line)) for line in range(site.line, site.end_line + 1))


def _entry_created(func: FunctionFacts, key: str) -> str:
    """`self._rooms` when the method stores an entry of `self._rooms` under `key`."""
    for store in func.extra.get("stores", ()):
        target = store["target"]
        if store["item"] and store["kind"] == "set" and store.get("key") == {"ref": key} \
                and target.startswith("self.") and target.count(".") == 1:
            return target
    return ""


def _unsubscribes(model, methods: list[str], attr: str) -> bool:
    """Some method of the class unsubscribes the subscription kept in `self.<attr>`."""
    return any(site.func and site.func[:2] == ("self", attr) and site.func[-1] in _UNSUBSCRIBES
               for fq in methods for site in model.functions[fq][1].calls)


def _removals(model, methods: list[str], container: str) -> list[tuple[str, int]]:
    """(method, line) of each `del container[...]` or `container.pop(...)` in the class's methods."""
    parts = tuple(container.split("."))
    found = []
    for fq in methods:
        func = model.functions[fq][1]
        found += [(fq, store["line"]) for store in func.extra.get("stores", ())
                  if store["kind"] == "del" and store["item"] and store["target"] == container]
        found += [(fq, site.line) for site in func.calls if site.func and site.func[:-1] == parts
                  and site.func[-1] in _TAKES]
    return sorted(found, key=lambda item: item[1])

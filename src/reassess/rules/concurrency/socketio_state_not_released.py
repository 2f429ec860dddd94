"""RA326 websocket-lifecycle: per-client state a socket.io `connect` handler keeps, that no `disconnect` handler releases."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...knowledge.socketio import CONNECT, DISCONNECT
from ...model.app import EntryPoint, is_test_path
from ...model.project import ProjectModel
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._ws import ADDS_TO, module_container, owner_of_result, stored_key

# what takes one client's entry out of a container
_RELEASES = frozenset({"pop", "remove", "discard", "popitem", "clear", "__delitem__"})
_REACH = 3  # call levels followed from a disconnect handler (`disconnect` -> `_forget(sid)` -> ...)


@register
class SocketioStateNotReleased(Rule):
    """A socket.io `connect` handler that keeps an entry per client in a shared container, which no
    `disconnect` handler of the same namespace takes out again.

    What it finds:
        In a python-socketio `connect` handler (`@sio.event async def connect(sid, environ)`,
        `@sio.on("connect")`, or `on_connect` of an `AsyncNamespace`/`Namespace` class), a store
        keyed by the client's `sid` (`profiles[sid] = {...}`) or an add of the `sid`
        (`online.add(sid)`, `rooms.setdefault(room, set()).add(sid)`) into a module-level
        container, or into an attribute of the namespace object (`self.members[sid] = ...`), which
        python-socketio creates once per server. Reported at that store when no handler of the
        namespace's `disconnect` event, nor a function it calls (a few levels deep), removes
        from that container (`pop`, `del`, `discard`, `remove`, `clear`), or when the namespace
        has no `disconnect` handler at all.
        Not reported: a container the `disconnect` handler releases (also through a helper), and
        locals.

    Why it matters:
        python-socketio calls `disconnect` once when a client goes, however it goes (it closed
        the tab, the network dropped, the ping timed out, the server disconnected it): it is the
        socket.io analogue of a websocket handler's `finally`, and the only place that knows the
        client is gone. An entry nobody removes there stays for every client that ever
        connected: memory grows with each connection (and reconnection: each gets a new sid)
        until the process restarts, and code that walks the container (who is online, whom to
        notify) sees clients that left long ago.

    Example:
        @sio.event
        async def connect(sid, environ, auth):
            sessions[sid] = {"user": await authenticate(auth)}

    Instead:
        Release the client's entry in the namespace's `disconnect` handler:

            @sio.event
            async def disconnect(sid, reason):
                sessions.pop(sid, None)
    """

    id = "RA326"
    name = "socketio-state-not-released"
    category = "websocket-lifecycle"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        events = [e for e in model.app.of_kind("websocket") if e.details.get("framework") == "socketio"
                  and not is_test_path(e.path)]
        connects = [e for e in events if e.details.get("event") == CONNECT]
        ctx.examine("socket.io connect handlers", len(connects))
        seen: set[tuple[str, int]] = set()
        for entry in connects:
            leaving = [e for e in events if e.details.get("event") == DISCONNECT and _same_namespace(entry, e)]
            released = _released(model, [e.function for e in leaving])
            facts, func = model.functions[entry.function]
            for container, line in _kept(model, facts, func, entry):
                if _name(container) not in released and (facts.path, line) not in seen:
                    seen.add((facts.path, line))
                    yield self._finding(model, entry, leaving, container, line)

    def _finding(self, model: ProjectModel, entry: EntryPoint, leaving: list[EntryPoint], container: str,
                 line: int) -> Finding:
        name, namespace = short(entry.function), entry.details.get("namespace", "/")
        shown = container.removeprefix("self.")
        if leaving:
            where = ", ".join(f"`{short(e.function)}`" for e in leaving)
            missing = f"the namespace's disconnect handler ({where}) never removes it"
        else:
            missing = f"namespace `{namespace}` has no `disconnect` handler to remove it"
        description = (f"The socket.io connect handler `{name}` keeps an entry per client in `{shown}` (line {line}), "
                       f"keyed by the client's sid, and {missing}. python-socketio calls `disconnect` once when "
                       "a client goes, however it goes: it is the one place that knows the client left. Every "
                       f"client that ever connected (each reconnection brings a new sid) stays in `{shown}` until "
                       "the process restarts: memory grows with each connection, and code that walks the "
                       "container sees clients that are gone.")
        related = [Location(e.path, e.line, e.line, f"disconnect handler `{short(e.function)}`") for e in leaving]
        related.insert(0, Location(entry.path, entry.line, entry.line, f"connect handler `{name}` ({namespace})"))
        sid = _sid_param(model.functions[entry.function][1]) or "sid"
        if container.startswith("self."):
            code = f"async def on_disconnect(self, {sid}, reason=None):\n    self.{shown}.pop({sid}, None)"
        else:
            code = f"@sio.event\nasync def disconnect({sid}, reason=None):\n    {shown}.pop({sid}, None)"
        recommendation = ("Remove the client's entry where socket.io reports it gone, in the `disconnect` handler of "
                          "the same namespace:\n\n" + "\n".join("    " + row for row in code.splitlines()))
        return self.finding(Location(entry.path, line, line),
                            f"Per-client entry in `{shown}` kept at connect, never released at disconnect",
                            description, related=related, recommendation=recommendation)


def _same_namespace(connect: EntryPoint, other: EntryPoint) -> bool:
    """The same namespace of the same kind of registration: a namespace class's `on_disconnect`
    answers for its own `on_connect` only."""
    if connect.details.get("how") == "namespace-class" or other.details.get("how") == "namespace-class":
        return connect.function.rsplit(".", 1)[0] == other.function.rsplit(".", 1)[0] \
            and connect.details.get("namespace") == other.details.get("namespace")
    return connect.details.get("namespace") == other.details.get("namespace")


def _sid_param(func: FunctionFacts) -> str:
    """The parameter python-socketio passes the client's session id in: the first one (after `self`)."""
    params = [p.name for p in func.params if p.name not in ("self", "cls")]
    return params[0] if params else ""


def _kept(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts, entry: EntryPoint) -> Iterator[tuple[str, int]]:
    """(container, line) for each shared container the handler keeps the client's entry in."""
    sid = _sid_param(func)
    if not sid:
        return
    word = re.compile(rf"\b{re.escape(sid)}\b")
    namespace_object = entry.details.get("how") == "namespace-class"
    for store in func.extra.get("stores", ()):
        target = store["target"]
        if store["item"] and store["kind"] == "set" and word.search(stored_key(model, facts.path, store["line"])) \
                and _shared(model, facts, func, target, namespace_object):
            yield target, store["line"]
    for site in func.calls:
        chain = _added_to(site)
        if chain and {"ref": sid} in site.args and _shared(model, facts, func, ".".join(chain), namespace_object):
            yield ".".join(chain), site.line


def _added_to(site) -> tuple[str, ...]:
    """The container a call adds to: `online.add(sid)`, `self.members.append(sid)`,
    `rooms.setdefault(room, set()).add(sid)`. Unlike `_ws`'s reading, the whole chain is kept
    (`self.a.b.add(sid)` is `self.a.b`, not `self.a`): only a direct attribute of the namespace
    object is per-server state here, and `self.a.b` is not one."""
    if not site.func or site.func[-1] not in ADDS_TO:
        return ()
    if site.func[0] == "()" and len(site.func) == 2:
        owner, fetch = owner_of_result(site)
        return owner if fetch in ("setdefault", "get") else ()
    return site.func[:-1]


def _shared(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts, target: str, namespace_object: bool) -> bool:
    """A module-level container (here or imported), or an attribute of the namespace object."""
    if target.startswith("self."):
        return namespace_object and target.count(".") == 1
    return module_container(model, facts, func, target)


def _name(container: str) -> str:
    return container.rsplit(".", 1)[-1]


def _released(model: ProjectModel, roots: list[str]) -> set[str]:
    """Names of the containers the disconnect handlers, or what they call, take an entry out of."""
    out: set[str] = set()
    seen, frontier = set(roots), list(roots)
    for _level in range(_REACH + 1):
        following: list[str] = []
        for fq in frontier:
            if fq in model.functions:
                out |= _released_by(model.functions[fq][1])
                following += _new_callees(model, fq, seen)
        frontier = following
    return out


def _released_by(func: FunctionFacts) -> set[str]:
    """Names of the containers one function takes an entry out of: a removing call on the container
    (`rooms.pop(sid)`, `users.setdefault(room, set()).discard(sid)` names the container the result
    came from) or a `del container[key]`. Matched by the last name only: the release may go through
    another path to the same object (`self.rooms` vs `state.rooms`)."""
    out: set[str] = set()
    for site in func.calls:
        if site.func and site.func[-1] in _RELEASES:
            owner = owner_of_result(site)[0] if site.func[:-1] == ("()",) else site.func[:-1]
            if owner and owner[-1]:
                out.add(owner[-1])
    return out | {_name(s["target"]) for s in func.extra.get("stores", ()) if s["kind"] == "del"}


def _new_callees(model: ProjectModel, fq: str, seen: set[str]) -> list[str]:
    """The project functions `fq` calls that the walk has not met yet (marked met in `seen`): each
    function is looked at once, however many handlers reach it."""
    following: list[str] = []
    for edge in model.edges.get(fq, ()):
        callee = model.callee_function(edge.target)
        if callee and callee not in seen:
            seen.add(callee)
            following.append(callee)
    return following

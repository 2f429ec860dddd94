"""RA324 websocket-lifecycle: a socket accepted before authentication, whose credential message is awaited forever."""
from __future__ import annotations

from collections.abc import Iterator

from ...facts.types import CallSite, FunctionFacts
from ...findings import Finding, Location
from ...knowledge.auth import auth_word
from ...model.app import is_test_path
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._calls import bound_local
from ._ws import RECEIVE, Handler, handlers

_DEADLINES = ("timeout", "fail_after", "move_on_after")


@register
class WebsocketAuthWithoutDeadline(Rule):
    """A websocket route that accepts the connection and then waits, with no time limit, for the
    first message to carry the client's credential.

    What it finds:
        In a websocket route, an awaited receive on the socket (`token = await ws.receive_text()`)
        whose value is the credential: bound to a credential-named local, or handed to a check
        named like one (`await authenticate(ws, first)`), with no `asyncio.wait_for(...)` around the
        receive and no `asyncio.timeout()` / `anyio.fail_after()` block around it.
        Not reported: a receive with a deadline, and receives that carry no credential.

    Why it matters:
        Until that message arrives the connection is open, accepted and anonymous. A client (or a
        script opening thousands of sockets) that never sends it holds a socket, a task and its
        buffers forever: connection limits and memory are exhausted without a single
        authenticated request.

    Example:
        await websocket.accept()
        token = await websocket.receive_text()
        principal = await authenticate(token)

    Instead:
        Give the handshake a deadline and close the socket when it passes (or authenticate before
        `accept()`, from a header, cookie or query parameter):

            try:
                token = await asyncio.wait_for(websocket.receive_text(), timeout=10)
            except asyncio.TimeoutError:
                await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
                return
    """

    id = "RA324"
    name = "websocket-auth-without-deadline"
    category = "websocket-lifecycle"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        examined = 0
        for handler in handlers(ctx.model):
            if not handler.route or is_test_path(handler.facts.path):
                continue
            examined += 1
            site = _credential_receive(handler)
            if site is not None:
                yield self._finding(handler, site)
        ctx.examine("websocket routes", examined)

    def _finding(self, handler: Handler, site: CallSite) -> Finding:
        path = handler.facts.path
        description = (
            f"`{short(handler.fq)}` waits at line {site.line} for the message that authenticates the client "
            f"(`{site.name}()`), with no deadline. A client that connects and never sends it keeps an accepted, "
            "anonymous socket (and its task) open for as long as it likes; enough of them exhaust the server's "
            "connections and memory without ever authenticating.")
        return self.finding(Location(path, site.line, site.end_line),
                            f"WebSocket `{short(handler.fq)}` waits forever for its credential message",
                            description, related=[Location(path, handler.func.line, handler.func.line, "the route")],
                            recommendation="Wrap the first receive in `asyncio.wait_for(..., timeout=...)` and close "
                                           "the socket on timeout, or authenticate before `accept()` from a header, "
                                           "cookie or query parameter.")


def _credential_receive(handler: Handler) -> CallSite | None:
    """The first awaited receive on the socket, with no deadline, whose value is a credential."""
    func = handler.func
    for site in sorted(func.calls, key=lambda s: s.line):
        if not (site.awaited and site.func and len(site.func) == 2 and site.func[0] == handler.socket
                and site.func[1] in RECEIVE):
            continue
        if _under_deadline(func, site.line):
            return None
        local = bound_local(func, site.line, site.name)
        if local and (auth_word(local) or _checked_later(func, local, site.line)):
            return site
    return None


def _checked_later(func: FunctionFacts, local: str, after: int) -> bool:
    """The local is handed to a call named like a credential check (`authenticate(ws, first)`)."""
    passed = {"ref": local}
    return any(s.line > after and auth_word(s.name.rsplit(".", 1)[-1]) and passed in (*s.args, *s.kwargs.values())
               for s in func.calls)


def _under_deadline(func: FunctionFacts, line: int) -> bool:
    """A `with asyncio.timeout(...)` / `anyio.fail_after(...)` block around the line."""
    return any(b.get("kind") == "with" and b["line"] <= line <= b["end"]
               and any(word in str(b.get("expr", "")) for word in _DEADLINES) for b in func.extra.get("blocks", ()))

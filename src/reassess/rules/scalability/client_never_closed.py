"""RA512 connection-management: a long-lived pool or client that nothing ever closes."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.project import ProjectModel
from ...model.resilience import analysis
from ...model.resilience.clients import Client, binding_of
from ...model.app import is_test_path
from ...model.lifetime import instance_lifetime
from ...model.resilience.runtime import short
from ..api import ProjectContext, Rule, register

CLOSERS = frozenset({"close", "aclose", "dispose", "disconnect", "terminate", "wait_closed", "shutdown",
                     "connection_pool.disconnect", "expire_all"})
# boto3 clients are not closed by convention; a websocket connection is its session.
_NOT_CLOSED_BY_OWNER = ("websocket-client", "storage")
# Application objects that own and release their connections themselves (a Celery app's
# producer pool is released at exit and by the worker's own shutdown): nobody closes them.
_SELF_MANAGED = ("celery.Celery",)


@register
class ClientNeverClosed(Rule):
    """A pool, engine or client kept for the life of the process that is never closed.

    What it finds:
        Pools, engines and HTTP/redis clients stored on an instance (`self._client`), a module
        variable or `app.state`, or held in a lifespan/startup local, with no `close()`,
        `aclose()`, `dispose()` or `disconnect()` called on that binding anywhere in the project
        and no `async with` around it. Clients opened per call are RA510/RA511's subject. A
        client on an object built per call (every instance a local of an ordinary function,
        `model.lifetime`) goes with that object: a sync pool is then closed by the collector and
        not reported; the description says how long the owner lives when that is not the process.

    Why it matters:
        At shutdown (and on every reload in development) open connections are dropped instead of
        closed: the database keeps idle sessions until its own timeout, in-flight writes in
        buffers are lost, and aiohttp/httpx warn about unclosed sessions. In tests that create
        the app repeatedly the leaked pools exhaust `max_connections`.

    Example:
        @app.on_event("startup")
        async def startup():
            app.state.http = httpx.AsyncClient()

    Instead:
        Close what the startup opened, in the lifespan's exit or a shutdown hook:

            @asynccontextmanager
            async def lifespan(app):
                app.state.http = httpx.AsyncClient(timeout=10)
                yield
                await app.state.http.aclose()
    """

    id = "RA512"
    name = "client-never-closed"
    category = "connection-management"
    severity = "LOW"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        res = analysis(model)
        closers = _closer_chains(model)
        examined = 0
        for client in res.clients:
            if is_test_path(client.facts.path) or client.spec.one_shot or client.spec.kind in _NOT_CLOSED_BY_OWNER \
                    or client.spec.creates in _SELF_MANAGED:
                continue
            kind, name = binding_of(client)
            if kind not in ("self", "module", "state") and not (kind == "local" and _is_startup(model, client)):
                continue
            life = instance_lifetime(model, _owner(client)) if kind == "self" else "process"
            if life == "short" and not client.spec.is_async:
                continue  # dropped with its owner, built per call: the collector closes a sync pool
            examined += 1
            if not _closed(client, kind, name, closers):
                yield self._finding(client, kind, name, life)
        ctx.examine("long-lived clients", examined)

    def _finding(self, client: Client, kind: str, name: str, life: str) -> Finding:
        shown = {"self": f"self.{name}", "state": f"app.state.{name}"}.get(kind, name)
        method = client.spec.close
        description = (
            f"`{shown}` is created with `{client.factory}` in `{short(client.function_fq)}` "
            f"({client.facts.path}:{client.site.line}) and lives as long as {_lifetime_text(client, life)}, but no call of "
            f"`{shown}.{method}()` (or another close method) on it is found in the project: its connections are dropped, not closed, "
            f"{'at shutdown' if life == 'process' else 'whenever an instance is dropped'}."
        )
        recommendation = (
            f"Close it when its owner is done: give `{short(_owner(client))}` a `close()` (or `__exit__`) "
            f"that calls `{shown}.{method}()` and call it after each use." if life != "process" else
            f"Close it where the application shuts down, e.g. in the lifespan after `yield`:\n\n"
            f"    await {shown}.{method}()" if client.spec.is_async or method == "aclose" else
            f"Close it where the application shuts down:\n\n    {shown}.{method}()"
        )
        return self.finding(
            Location(client.facts.path, client.site.line, client.site.end_line),
            f"{client.factory} kept in `{shown}` is never closed", description, recommendation=recommendation,
        )


def _owner(client: Client) -> str:
    """The class whose instance keeps a `self.` client: the one of the method that creates it."""
    return client.function_fq.rsplit(".", 1)[0]


def _lifetime_text(client: Client, life: str) -> str:
    """How long the client lives, as far as the construction sites of its owner show."""
    owner = short(_owner(client))
    if life == "process":
        return "the process"
    if life == "short":
        return f"each `{owner}` instance, built per call"
    return f"each `{owner}` instance (where those are built is not visible here)"


def _closer_chains(model: ProjectModel) -> set[tuple[str, ...]]:
    """Dotted receivers of every close-like call in the project: ("self", "_client"), ("pool",)."""
    out: set[tuple[str, ...]] = set()
    for _fq, (_facts, func) in model.functions.items():
        for site in func.calls:
            if site.func and len(site.func) >= 2 and site.func[-1] in CLOSERS:
                out.add(site.func[:-1])
        for block in func.extra.get("blocks", ()):
            if block["kind"] == "with" and block.get("expr"):
                out.add(tuple(block["expr"].split(".")))
    return out


def _closed(client: Client, kind: str, name: str, closers: set[tuple[str, ...]]) -> bool:
    for chain in closers:
        if chain and chain[-1] == name:
            if kind == "self" or kind == "module" or kind == "local":
                return True
            if kind == "state" and "state" in chain:
                return True
        if kind == "self" and len(chain) >= 2 and chain[-1] in ("pool", "connection_pool") and chain[-2] == name:
            return True
    return False


def _is_startup(model: ProjectModel, client: Client) -> bool:
    entries = {e.function for e in model.app.entrypoints if e.kind in ("lifespan", "startup")}
    return client.function_fq in entries

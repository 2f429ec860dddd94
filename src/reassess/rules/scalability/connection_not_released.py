"""RA510 connection-management: a pooled connection or client acquired by hand and not
released when the code between raises."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...knowledge import clients as lib
from ...model.resilience import blocks as blk
from ...model.app import is_test_path
from ...model.resilience.runtime import entries_reaching, short
from ..api import ProjectContext, Rule, register

# What hands out a connection -> (methods that give it back, called on the connection or
# with it as first argument on the owner).
ACQUIRES: dict[str, frozenset[str]] = {
    "asyncpg.Pool.acquire": frozenset({"release", "close", "terminate"}),
    "asyncpg.connect": frozenset({"close", "terminate"}),
    "psycopg2.connect": frozenset({"close"}),
    "psycopg.connect": frozenset({"close"}),
    "psycopg.AsyncConnection.connect": frozenset({"close"}),
    "psycopg_pool.ConnectionPool.getconn": frozenset({"putconn"}),
    "psycopg_pool.AsyncConnectionPool.getconn": frozenset({"putconn"}),
    "psycopg2.pool.SimpleConnectionPool.getconn": frozenset({"putconn"}),
    "psycopg2.pool.ThreadedConnectionPool.getconn": frozenset({"putconn"}),
    "sqlalchemy.Engine.connect": frozenset({"close"}),
    "sqlalchemy.ext.asyncio.AsyncEngine.connect": frozenset({"close"}),
    "aiohttp.ClientSession": frozenset({"close"}),
    "httpx.AsyncClient": frozenset({"aclose"}),
    "httpx.Client": frozenset({"close"}),
}


@register
class ConnectionNotReleased(Rule):
    """A connection taken from a pool (or a client opened) without `async with`, and not given
    back in a `finally`.

    What it finds:
        `conn = await pool.acquire()` (asyncpg), `getconn()` (psycopg pools), `engine.connect()`,
        `asyncpg.connect()` and locally created aiohttp/httpx clients, bound to a local name
        outside a `with` block, where the matching `release`/`putconn`/`close` is missing or
        sits outside a `finally` (so any exception in between skips it). Connections handed on
        (returned, yielded, stored or passed to another call) are not reported: their owner
        releases them.

    Why it matters:
        Every exception between the acquire and the release - a constraint violation, a
        cancelled request, a failed check that raises - leaks the connection: the pool shrinks
        by one each time until `acquire()` blocks for ever and every request that needs the
        database hangs.

    Example:
        conn = await self.pool.acquire()
        async with conn.transaction():
            ...  # raises LookupError
        await self.pool.release(conn)

    Instead:
        Let a context manager give the connection back on every path:

            async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
                async with conn.transaction():
                    ...
    """

    id = "RA510"
    name = "connection-not-released"
    category = "connection-management"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        examined = 0
        for fq, edges in sorted(model.edges.items()):
            facts, func = model.functions[fq]
            if is_test_path(facts.path):
                continue
            for edge in edges:
                releases = ACQUIRES.get(lib.canonical(edge.target.name)) if edge.target.kind == "external" else None
                if releases is None:
                    continue
                examined += 1
                finding = self._check_site(ctx, fq, facts, func, edge.site, releases)
                if finding is not None:
                    yield finding
        ctx.examine("connection acquisitions", examined)

    def _check_site(self, ctx: ProjectContext, fq: str, facts: ModuleFacts, func: FunctionFacts, site: CallSite,
                    releases: frozenset[str]) -> Finding | None:
        if site.used_as in ("async-with",) or _in_with(func, site):
            return None
        if not entries_reaching(ctx.model, {fq}, limit=1):
            return None  # scripts and CLI commands exit and drop their connections; the server must not
        name = _bound_name(func, site)
        if not name or _handed_on(func, name, site):
            return None
        release = [s for s in func.calls if _releases(s, name, releases) and s.line > site.line]
        if any(blk.in_finally(func, s.line) for s in release):
            return None
        what = site.name
        if release:
            first = release[0]
            description = (
                f"`{short(fq)}` takes `{name}` with `{what}()` ({facts.path}:{site.line}) and gives it back at "
                f"line {first.line}, outside any `finally`: an exception raised between the two lines (a failed "
                f"check, a query error, a cancelled request) skips `{first.name}()` and the connection is never "
                "returned to the pool."
            )
            related = [Location(facts.path, first.line, first.end_line, "released here only on the success path")]
        else:
            description = (
                f"`{short(fq)}` takes `{name}` with `{what}()` ({facts.path}:{site.line}) and never closes or "
                "releases it, nor hands it on: every call leaks one connection."
            )
            related = []
        owner = ".".join(site.func[:-1]) if site.func and len(site.func) > 1 else "pool"
        recommendation = (
            "Use the context manager so the connection goes back on every path:\n\n"
            f"    async with {owner}.acquire(timeout=5) as {name}:\n        ...\n\n"
            if site.func and site.func[-1] == "acquire" else
            f"Open it with a context manager (`async with ... as {name}:`), or release it in `finally:`."
        )
        return self.finding(
            Location(facts.path, site.line, site.end_line),
            f"`{name}` from `{what}()` in {short(fq)} is not released on error paths",
            description, recommendation=recommendation, related=related,
        )


def _in_with(func: FunctionFacts, site: CallSite) -> bool:
    return any(block["line"] == site.line and block["expr"] == site.name for block in blk.blocks(func, "with"))


def _bound_name(func: FunctionFacts, site: CallSite) -> str:
    """The local name the call's result is assigned to (`conn = await pool.acquire()`)."""
    for name, value in func.local_types.items():
        if isinstance(value, dict) and value.get("call") == site.name and value.get("line") == site.line:
            return name
    return ""


def _releases(site: CallSite, name: str, releases: frozenset[str]) -> bool:
    if not site.func or site.func[-1] not in releases:
        return False
    return site.func[:-1] == (name,) or (site.args[:1] == ({"ref": name},))


def _handed_on(func: FunctionFacts, name: str, acquire: CallSite) -> bool:
    """The connection leaves the function: returned, yielded, stored on self, or passed to a
    call other than its release (the receiver then owns it)."""
    ref = {"ref": name}
    for value in [*func.returns_values, *func.extra.get("yield_values", [])]:
        if value == ref or isinstance(value, dict) and str(value.get("call", "")).startswith(name + "."):
            return True  # the connection, or a cursor bound to it, goes to the caller
    if any(value == ref for value in func.self_attrs.values()):
        return True
    for site in func.calls:
        if site is acquire or not site.func:
            continue
        if site.func[-1] in ("release", "putconn", "close", "aclose", "terminate"):
            continue
        if ref in site.args or ref in site.kwargs.values():
            return True
    return False

"""RA510 connection-management: a pooled connection or client acquired by hand and not
released when the code between raises."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...knowledge import clients as lib
from ...model.resilience import blocks as blk
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience.runtime import short
from ..api import ProjectContext, Rule, register
from ._conn_factories import connection_factories, failing_before_return, helper_releases, release_helpers
from ._served_code import served
from ._sessions import SESSION_RELEASES, call_text, opens_session, session_managed

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
_ALL_RELEASES = frozenset().union(*ACQUIRES.values())


@register
class ConnectionNotReleased(Rule):
    """A connection taken from a pool (or a client opened) without `async with`, and not given
    back in a `finally`.

    What it finds:
        `conn = await pool.acquire()` (asyncpg), `getconn()` (psycopg pools), `engine.connect()`,
        `asyncpg.connect()` and locally created aiohttp/httpx clients, bound to a local name
        outside a `with` block (or not bound at all: `await aiohttp.ClientSession().get(url)`
        leaves nothing to close), where the matching `release`/`putconn`/`close` is missing or
        sits outside a `finally` (so any exception in between skips it). Connections handed on
        (returned, yielded, stored or passed to another call) are not reported: their owner
        releases them. SQLAlchemy sessions opened by hand (`session = SessionLocal()` from a
        `sessionmaker`/`async_sessionmaker`, `Session(engine)`, `AsyncSession(engine)`) are held
        to the same standard, except that passing one to a repository does not hand it on; a
        `with`/`async with` on it (or on `session.begin()`), `close()`/`rollback()` in a handler
        or `finally`, returning or yielding it (a FastAPI dependency), giving it to a task, or
        to a project function that closes it, all count as managed. Only code a server runs is
        reported: reached from an entry point, or a method of a class whose callers all start at
        methods (a repository reached through `request.app.state`), a route's `Depends()`
        provider, or a public coroutine function nothing calls yet in a module the route or worker
        modules import, directly or through their services (a repository module's `trim_feed(pool,
        ...)`), not a script's main. A project helper that takes a connection for its caller
        (`conn = await self._checkout()`, whose body returns what `pool.acquire()` gave) counts as
        the acquire, and one that gives back the connection it is handed (`await
        release_conn(conn)`) as the release; such a helper is reported itself when a call that can
        fail comes between its acquire and the `return` (`await conn.execute("SET ...")`): the
        caller never gets the connection. A generator that yields the connection and releases it
        after the `yield` owns it (the route's exception is thrown in at the `yield`).

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
        factories = connection_factories(model, ACQUIRES)
        helpers = release_helpers(model, _ALL_RELEASES)
        for fq, edges in sorted(model.edges.items()):
            facts, func = model.functions[fq]
            if is_test_path(facts.path):
                continue
            for edge in edges:
                if edge.target.kind != "external":
                    source = model.callee_function(edge.target)  # `conn = await self._checkout()`
                    if source not in factories or source == fq or edge.site.depends:
                        continue
                    session, releases = "", ACQUIRES[factories[source]]
                else:
                    name = lib.canonical(edge.target.name)
                    session = name if opens_session(model, facts, func, edge.site, name) else ""
                    releases = SESSION_RELEASES if session else ACQUIRES.get(name)
                    if releases is None:
                        continue
                examined += 1
                finding = self._check_site(ctx, fq, facts, func, edge.site, releases, session, helpers)
                if finding is not None:
                    yield finding
        ctx.examine("connection acquisitions", examined)

    def _check_site(self, ctx: ProjectContext, fq: str, facts: ModuleFacts, func: FunctionFacts, site: CallSite,
                    releases: frozenset[str], session: str = "", helpers: frozenset[str] = frozenset()
                    ) -> Finding | None:
        if site.used_as in ("async-with",) or _in_with(func, site):
            return None
        name = _bound_name(func, site)
        if not name:
            return None if session else self._inline_finding(ctx.model, fq, facts, func, site)
        if session and session_managed(ctx.model, fq, func, name, site):
            return None
        release = [s for s in func.calls if _releases(s, name, releases) and s.line > site.line]
        if not session:  # `await release_conn(conn)`: a project helper gives it back
            release = sorted(release + [s for s in helper_releases(ctx.model, fq, func, name, helpers)
                                        if s.line > site.line], key=lambda s: s.line)
        # a function that releases the connection itself owns it: passing it to repository
        # helpers in between (`await repo.fetch_rows(conn)`) lends it, it does not hand it on
        if not session and _handed_on(func, name, site, lent=bool(release)):
            failing = None if release else failing_before_return(func, name, site, _log_call, _ALL_RELEASES)
            if failing is None or not served(ctx.model, fq, func):
                return None
            return self._handoff_finding(fq, facts, site, name, failing)
        if any(blk.in_finally(func, s.line) or _released_by_catch_all(func, site, s) for s in release):
            return None
        if release and _only_logs_between(func, site, release[0]):
            return None  # nothing between taking and giving back can fail: there is no error path
        if not served(ctx.model, fq, func):
            return None  # scripts and CLI commands exit and drop their connections; the server must not
        if session:
            return self._session_finding(ctx.model, fq, facts, func, site, name, release, "asyncio" in session)
        early = [line for line in func.extra.get("return_lines", ()) if release and site.line < line < release[0].line]
        return self._pool_finding(fq, facts, site, name, release, func.is_async, early)

    def _pool_finding(self, fq: str, facts: ModuleFacts, site: CallSite, name: str,
                      release: list[CallSite], func_is_async: bool = True, early: list[int] = ()) -> Finding:
        what = _written_callee(site)
        if release:
            first = release[0]
            description = (
                f"`{short(fq)}` takes `{name}` with `{what}()` ({facts.path}:{site.line}) and gives it back at "
                f"line {first.line}, outside any `finally`: an exception raised between the two lines (a failed "
                f"check, a query error, a cancelled request) skips `{first.name}()` and the connection is never "
                "returned to the pool."
                + (f" So does the `return` at line {early[0]}, which leaves before the release." if early else "")
            )
            related = [Location(facts.path, first.line, first.end_line, "released here only on the success path")]
            related += [Location(facts.path, line, line, "returns without releasing") for line in early[:2]]
        else:
            description = (
                f"`{short(fq)}` takes `{name}` with `{what}()` ({facts.path}:{site.line}) and never closes or "
                "releases it, nor hands it on: every call leaks one connection."
            )
            related = []
            if _constructed(what):
                description += (" As a local object it is freed when the function returns (CPython's reference "
                                "counting closes its sockets), so the leak lasts until then; closing it is still "
                                "what makes that deterministic.")
        owner = what.rsplit(".", 1)[0] if "." in what else "pool"
        recommendation = (
            "Use the context manager so the connection goes back on every path:\n\n"
            f"    async with {owner}.acquire(timeout=5) as {name}:\n        ...\n\n"
            if site.func and site.func[-1] == "acquire" else
            f"Open it with a context manager (`{'async with' if func_is_async else 'with'} ... as {name}:`), "
            "or release it in `finally:`."
        )
        return self.finding(
            Location(facts.path, site.line, site.end_line),
            f"`{name}` from `{what}()` in {short(fq)} is "
            + ("not released on error paths" if release else "never released"),
            description, recommendation=recommendation, related=related,
            severity="MEDIUM" if not release and _constructed(what) else None,
        )

    def _handoff_finding(self, fq: str, facts: ModuleFacts, site: CallSite, name: str,
                         failing: CallSite) -> Finding:
        """A helper that takes a connection for its caller, with a call that can fail before it returns it."""
        what = _written_callee(site)
        description = (
            f"`{short(fq)}` takes `{name}` with `{what}()` ({facts.path}:{site.line}) to return it to its caller, "
            f"but first calls `{failing.name}()` (line {failing.line}): if that raises (a query error, a "
            "cancelled task), the caller never receives the connection and nothing gives it back, so the pool "
            "loses one connection each time."
        )
        return self.finding(
            Location(facts.path, site.line, site.end_line),
            f"`{name}` from `{what}()` in {short(fq)} leaks if `{failing.name}()` fails before it is returned",
            description, related=[Location(facts.path, failing.line, failing.end_line, "can fail before the hand-off")],
            severity="MEDIUM" if _constructed(what) else None,
            recommendation=(f"Give the connection back if anything fails before the hand-off:\n\n"
                            f"    {name} = await ...\n    try:\n        ...\n    except BaseException:\n"
                            f"        await pool.release({name})\n        raise\n    return {name}\n\n"
                            "or let callers use a context manager that does the setup after acquiring."),
        )

    def _inline_finding(self, model: ProjectModel, fq: str, facts: ModuleFacts, func: FunctionFacts,
                        site: CallSite) -> Finding | None:
        """`await aiohttp.ClientSession().get(url)` in served code: the client is used once and dropped unclosed."""
        used = _used_inline(func, site, lib.canonical(site.name))
        if used is None or not served(model, fq, func):
            return None
        what = _written_callee(used)  # `aiohttp.ClientSession().get`
        return self.finding(
            Location(facts.path, site.line, site.end_line),
            f"`{site.name}()` in {short(fq)} is used inline and never closed",
            f"`{short(fq)}` creates a client with `{site.name}()` ({facts.path}:{site.line}) only to call "
            f"`{what}(...)` on it: nothing holds the client, so nothing can close it, and every call leaves an "
            "open connection pool to the garbage collector (aiohttp warns `Unclosed client session`).",
            severity="MEDIUM",
            recommendation=(f"Open it with a context manager:\n\n    async with {site.name}() as client:\n"
                            f"        response = await client{used.name[2:]}(...)\n\n"
                            "or reuse one client the application opens at startup and closes at shutdown."),
        )

    def _session_finding(self, model: ProjectModel, fq: str, facts: ModuleFacts, func: FunctionFacts,
                         site: CallSite, name: str, release: list[CallSite], is_async: bool) -> Finding:
        call = call_text(model, facts.path, site)
        opened = f"`{short(fq)}` opens the SQLAlchemy session `{name}` with `{call}` ({facts.path}:{site.line})"
        returned = ("asyncio connections are not returned by garbage collection" if is_async else
                    "only the garbage collector gives it back, with a warning, if nothing else keeps the session alive")
        if release:
            description = (
                f"{opened} and closes it at line {release[0].line}, outside any `finally`: an exception raised in "
                f"between (a failed statement, a constraint violation, a cancelled task) skips `{release[0].name}()`, "
                f"and the session keeps its pooled connection checked out with the transaction open ({returned})."
            )
            related = [Location(facts.path, release[0].line, release[0].end_line,
                                "closed here only on the success path")]
            title = f"Session `{name}` from `{site.name}()` in {short(fq)} is not closed on error paths"
        else:
            commit = next((c for c in func.calls if c.line > site.line and c.func == (name, "commit")), None)
            description = (
                f"{opened} and never closes it, nor hands it on: "
                + (f"`{name}.commit()` (line {commit.line}) gives the connection back on the success path, but an "
                   "exception before it leaves the transaction open and the connection checked out"
                   if commit is not None else
                   "the connection it checks out stays with the session and its transaction stays open")
                + f" ({returned})."
            )
            related = [Location(facts.path, commit.line, commit.end_line, "the only point that ends the transaction")] \
                if commit is not None else []
            title = f"Session `{name}` from `{site.name}()` in {short(fq)} is never closed"
        enter, wait = ("async with", "await ") if is_async else ("with", "")
        recommendation = (
            "Let the session's context manager close it on every path (it rolls back an open transaction and "
            f"returns the connection):\n\n    {enter} {call} as {name}:\n        ...\n        {wait}{name}.commit()"
        )
        if any(value is not None for value in func.returns_values):
            recommendation += (f"\n\nObjects loaded through `{name}` and returned are detached once it closes: "
                               "load what the caller reads before the block ends, or create the session with "
                               "`expire_on_commit=False`.")
        return self.finding(Location(facts.path, site.line, site.end_line), title, description,
                            recommendation=recommendation, related=related,
                            severity=self.severity if is_async else "MEDIUM")


def _only_logs_between(func: FunctionFacts, acquire: CallSite, release: CallSite) -> bool:
    """Every call between taking the connection and giving it back writes a log line (`conn =
    engine.connect()`, `logger.info("connected")`, `conn.close()`, a start-up probe), or there is
    none: no query, no await, nothing that fails in practice skips the release. A generator is never judged so: its
    `yield` between the two hands control to code that can fail (a dependency's request)."""
    between = [s for s in func.calls if acquire.end_line < s.line < release.line]
    if not between:  # given back at once (`conn = await ledger.reserve()`, then the release): unless a
        # `return` or `raise` leaves in between, there is no path that skips it
        return not func.has_yield and not blk.raises_in(func, acquire.end_line + 1, release.line - 1) and not any(
            acquire.end_line < line < release.line for line in func.extra.get("return_lines", ()))
    return not func.has_yield and all(map(_log_call, between))


def _released_by_catch_all(func: FunctionFacts, acquire: CallSite, release: CallSite) -> bool:
    """The release sits in an `except BaseException:` (or bare `except:`) handler that re-raises, of a
    try entered right after the acquire (`conn = engine.connect()`, `try: ... return handle(conn)`,
    `except BaseException: conn.close(); raise`): every error path gives the connection back, as a
    `finally` would, and the path that succeeds keeps it on purpose (a lock handle, a lease)."""
    for handler in blk.enclosing(func, release.line, "except"):
        if not blk.always_raises(handler) or handler["types"] and "BaseException" not in handler["types"]:
            continue
        entered = handler["try_line"]
        if entered > acquire.line and not any(acquire.end_line < s.line < entered for s in func.calls):
            return True
    return False


def _log_call(site: CallSite) -> bool:
    """A log line (the model's own reading of one) or a `print`."""
    return blk.logs(site) or site.func == ("print",)


def _in_with(func: FunctionFacts, site: CallSite) -> bool:
    return any(block["line"] == site.line and block["expr"] == site.name for block in blk.blocks(func, "with"))


def _written_callee(site: CallSite) -> str:
    """The callee as written: `get_pool().acquire` for a call on an accessor's result."""
    if site.name.startswith("().") and site.callee_is_call:
        return f"{site.callee_is_call}(){site.name[2:]}"
    return site.name


def _used_inline(func: FunctionFacts, site: CallSite, canonical: str) -> CallSite | None:
    """The call made directly on a client the call at `site` creates (`aiohttp.ClientSession().get(...)`):
    a constructor (`ClientSession`, `AsyncClient`) whose result nothing binds."""
    if not site.func or not canonical.rsplit(".", 1)[-1][:1].isupper():
        return None
    return next((other for other in func.calls if other.func and other.func[0] == "()" and len(other.func) == 2
                 and other.callee_is_call == site.name and other.line == site.line and other.col == site.col), None)


def _bound_name(func: FunctionFacts, site: CallSite) -> str:
    """The local name the call's result is assigned to (`conn = await pool.acquire()`, also on a
    pool an accessor returns: `conn = await get_pool().acquire()`, recorded with no callee name)."""
    chained = bool(site.func) and site.func[0] == "()"
    return next((name for name, value in func.bound_on(site.line)
                 if value.get("call") == site.name or chained and value.get("call") == ""), "")


def _releases(site: CallSite, name: str, releases: frozenset[str]) -> bool:
    if not site.func or site.func[-1] not in releases:
        return False
    return site.func[:-1] == (name,) or (site.args[:1] == ({"ref": name},))


def _handed_on(func: FunctionFacts, name: str, acquire: CallSite, lent: bool = False) -> bool:
    """The connection leaves the function: returned, yielded, stored on self, or passed to a
    call other than its release (the receiver then owns it) unless `lent` (the function
    releases it itself, so the calls only borrow it)."""
    ref = {"ref": name}
    # a generator that releases the connection itself after its `yield` (a FastAPI dependency,
    # a `@contextmanager`) only lends it: the caller's exception is thrown in at the `yield`
    for value in [*func.returns_values, *([] if lent else func.extra.get("yield_values", []))]:
        if value == ref or isinstance(value, dict) and str(value.get("call", "")).startswith(name + "."):
            return True  # the connection, or a cursor bound to it, goes to the caller
    if any(value == ref for value in func.self_attrs.values()):
        return True
    if lent:
        return False
    for site in func.calls:
        if site is acquire or not site.func:
            continue
        if site.func[-1] in ("release", "putconn", "close", "aclose", "terminate"):
            continue
        if ref in site.args or ref in site.kwargs.values():
            return True
    return False


def _constructed(what: str) -> bool:
    """`httpx.Client()`: a client object made here, not a connection borrowed from a pool
    (`pool.acquire()`): dropping it frees it, where a borrowed one is never given back."""
    return what.rsplit(".", 1)[-1][:1].isupper()

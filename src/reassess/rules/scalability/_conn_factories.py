"""Project helpers that take a pooled connection for their caller (`async def _checkout(self):
conn = await self._pool.acquire(); ...; return conn`) or give one back (`async def
release_conn(conn): await get_pool().release(conn)`): the caller of the first owns the
connection as if it had acquired it itself, and a call of the second releases it."""
from __future__ import annotations

from ...facts.types import CallSite, FunctionFacts
from ...knowledge import clients as lib
from ...model.resilience import blocks as blk


def connection_factories(model, acquires: dict[str, frozenset[str]]) -> dict[str, str]:
    """fq -> the library acquire behind it, for each project function that returns a connection
    it took from a pool or opened (`asyncpg.Pool.acquire`, `asyncpg.connect`; not a client
    constructor) itself or through another such function. Computed once per run."""
    return model.memo("scalability.connection_factories", lambda: _factories(model, acquires))


def _factories(model, acquires: dict[str, frozenset[str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for fq, edges in model.edges.items():
        func = model.functions[fq][1]
        for edge in edges:
            name = lib.canonical(edge.target.name) if edge.target.kind == "external" else ""
            if name in acquires and not _constructor(name) and returns_result(func, edge.site):
                found[fq] = name
                break
    grown = True
    while grown:  # a helper returning what another helper handed it hands out the same connection
        grown = False
        for fq, edges in model.edges.items():
            if fq in found:
                continue
            func = model.functions[fq][1]
            inner = next((found[c] for e in edges if (c := model.callee_function(e.target)) in found
                          and returns_result(func, e.site)), "")
            if inner:
                found[fq], grown = inner, True
    return found


def _constructor(name: str) -> bool:
    """`httpx.AsyncClient`: a client made, not a connection borrowed from a pool."""
    return name.rsplit(".", 1)[-1][:1].isupper()


def returns_result(func: FunctionFacts, site: CallSite) -> bool:
    """The function returns what the call at `site` gave: the local bound to it, or the call itself."""
    values = list(zip(func.extra.get("return_lines", ()), func.returns_values))
    if any(line == site.line and isinstance(value, dict) and "call" in value for line, value in values):
        return True
    names = {name for name, value in func.bound_on(site.line) if isinstance(value, dict) and "call" in value}
    return any(value == {"ref": name} for name in names for _, value in values)


def release_helpers(model, releases: frozenset[str]) -> frozenset[str]:
    """Project functions that give back the connection passed as their first argument
    (`await get_pool().release(conn)`, `conn.close()`). Computed once per run."""
    return model.memo("scalability.release_helpers", lambda: frozenset(
        fq for fq, (_facts, func) in model.functions.items() if _releases_first_param(func, releases)))


def _releases_first_param(func: FunctionFacts, releases: frozenset[str]) -> bool:
    params = [p.name for p in func.params if p.kind in ("posonly", "pos")]
    if func.class_name and params[:1] in (["self"], ["cls"]):
        params = params[1:]
    if not params:
        return False
    ref = {"ref": params[0]}
    return any(s.func and s.func[-1] in releases and (s.func[:-1] == (params[0],) or s.args[:1] == (ref,))
               for s in func.calls)


def helper_releases(model, fq: str, func: FunctionFacts, name: str, helpers: frozenset[str]) -> list[CallSite]:
    """The calls in `func` that hand `name` to a release helper (`await release_conn(conn)`)."""
    ref = {"ref": name}
    return [e.site for e in model.edges.get(fq, ()) if e.site.args[:1] == (ref,)
            and model.callee_function(e.target) in helpers]


def failing_before_return(func: FunctionFacts, name: str, site: CallSite, is_log,
                          releases: frozenset[str]) -> CallSite | None:
    """The first call that can fail between taking `name` at `site` and returning it to the
    caller (`await conn.execute("SET ...")` before `return conn`): if it raises, the caller never
    gets the connection and nobody gives it back. None when nothing but logging comes between,
    or a handler or `finally` of the function gives the connection back (with one of `releases`)."""
    ref = {"ref": name}
    returned = [line for line, value in zip(func.extra.get("return_lines", ()), func.returns_values) if value == ref]
    if not returned or func.has_yield:
        return None
    end = min(returned)
    between = [s for s in func.calls if site.end_line < s.line < end and not is_log(s)]
    released = [s for s in func.calls if s.func and (s.func[:-1] == (name,) or s.args[:1] == (ref,))
                and s.func[-1] in releases and (blk.in_finally(func, s.line) or blk.enclosing(func, s.line, "except"))]
    return between[0] if between and not released else None

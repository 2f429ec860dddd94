"""SQLAlchemy sessions opened by hand: which calls open one, and what counts as closing it
on every path (a with-block, close or rollback in a handler or finally, or handing it on)."""
from __future__ import annotations

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import SPAWNERS

# SQLAlchemy sessions: a factory called (`SessionLocal()`) or a session class constructed
# (`Session(engine)`); `rollback()` in a handler also gives the connection back to the pool.
SESSION_FACTORIES = frozenset({"sqlalchemy.orm.sessionmaker", "sqlalchemy.orm.session.sessionmaker",
                               "sqlalchemy.ext.asyncio.async_sessionmaker"})
SESSION_CLASSES = frozenset({"sqlalchemy.orm.Session", "sqlalchemy.ext.asyncio.AsyncSession"})
SESSION_RELEASES = frozenset({"close"})
# Calls that hand an object over to work that outlives the call (the task then owns it): the
# task starters, and executors and threads.
_SPAWNERS = SPAWNERS | {"submit", "Thread"}


def call_text(model: ProjectModel, path: str, site: CallSite) -> str:
    """`Session(reporting_engine)` as written, when it fits on its line; else `Name()`."""
    lines = model.lines(path)
    if site.end_line == site.line and 0 < site.line <= len(lines):
        text = lines[site.line - 1][site.col:].split("#", 1)[0].strip()
        if text.startswith(site.name) and text.endswith(")") and text.count("(") == text.count(")"):
            return text
    return f"{site.name}()"


def opens_session(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts, site: CallSite, name: str) -> bool:
    """`SessionLocal()` (a sessionmaker instance called) or `Session(engine)` (the class)."""
    if name not in SESSION_FACTORIES and name not in SESSION_CLASSES or not site.func or site.func[0] == "()":
        return False
    found = model.resolver.type_of_chain(facts, func, site.func)
    if found is None:
        return False
    return found[0] == "ext_instance" if name in SESSION_FACTORIES else found[0] == "ext"


def session_managed(model: ProjectModel, fq: str, func: FunctionFacts, name: str, opened: CallSite) -> bool:
    """The session is closed or rolled back on error paths some other way, or leaves the
    function: a with-block on it (`async with session:`, `with session.begin():`), a
    `rollback()`/`close()` in a handler or `finally`, returned or yielded (a FastAPI dependency),
    stored on `self` or `request.state`, handed to a task, or passed to a project function that
    closes it."""
    if any(b["expr"] in (name, f"{name}.begin") for b in blk.blocks(func, "with")):
        return True
    ref = {"ref": name}
    if any(value == ref for value in [*func.returns_values, *func.extra.get("yield_values", []),
                                      *func.self_attrs.values()]):
        return True
    if any(value == ref for _chain, value, _line in func.extra.get("state_assigns", ())):
        return True  # `request.state.db = session`: the middleware that set it closes it
    for site in func.calls:
        if site is opened or not site.func or site.line < opened.line:
            continue
        if site.func[:-1] == (name,) and site.func[-1] in ("close", "rollback") and (
                blk.in_finally(func, site.line) or blk.enclosing(func, site.line, "except")):
            return True
        if ref in site.args or ref in site.kwargs.values():
            if site.func[-1] in _SPAWNERS or _closes_argument(model, fq, site, ref):
                return True
    return False


def _closes_argument(model: ProjectModel, caller: str, site: CallSite, ref: dict) -> bool:
    """`cleanup(session)` where the project function `cleanup` calls `close()` on that parameter."""
    edge = model.edge_of(caller, site)
    fq = edge.target.name if edge is not None and edge.target.kind == "function" else ""
    if not fq:
        return False
    _facts, callee = model.functions[fq]
    params = [p.name for p in callee.params if p.kind in ("posonly", "pos") and p.name not in ("self", "cls")]
    names = {params[i] for i, arg in enumerate(site.args[:len(params)]) if arg == ref}
    names |= {key for key, value in site.kwargs.items() if value == ref}
    return any(s.func and s.func[-1] == "close" and s.func[:-1] in {(n,) for n in names} for s in callee.calls)

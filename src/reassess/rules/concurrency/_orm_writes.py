"""Where a coroutine's changes to ORM rows are written: a commit or flush after them, the end of a
`session.begin()` block or of a unit of work that commits on exit, or a project helper handed the
row that commits it; and the mapped columns of a model."""
from __future__ import annotations

from ...facts.types import FunctionFacts
from ...model.project import ProjectModel


WRITES = ("commit", "flush")


def model_columns(model: ProjectModel, label: str) -> frozenset[str]:
    """The mapped attributes of the model class named `label`."""
    return model.memo(f"concurrency.columns.{label}", lambda: frozenset(
        name for _, cls in model.classes.values() if cls.name == label
        for name in (*cls.annotations, *cls.class_attrs) if not name.startswith("_")))


def write_after(func: FunctionFacts, line: int, exits: tuple[tuple[int, int], ...] = ()) -> int:
    """The commit or flush that writes the change: a call after it, or the end of an enclosing
    `async with session.begin():` or of a project unit of work that commits on exit (`exits`)."""
    for block in func.extra.get("blocks", ()):
        if block.get("kind") == "with" and str(block.get("expr", "")).endswith("begin") \
                and block["line"] < line <= block["end"]:
            return block["line"]
    for start, end in exits:
        if start < line <= end:
            return start
    return next((s.line for s in func.calls if s.func and s.func[-1] in WRITES and s.line > line), 0)


def saving_calls(model: ProjectModel, fq: str) -> dict[int, set[str]]:
    """Line -> the locals handed there to an awaited project helper that commits or merges
    (`await self._repo.save(campaign)` over `session.merge(campaign)` in `session.begin()`): the
    helper writes back the row the caller changed, as a commit in the caller would."""
    saves: dict[int, set[str]] = {}
    for edge in model.edges.get(fq, ()):
        callee = model.callee_function(edge.target) if edge.site.awaited else ""
        if callee and commits(model.functions[callee][1]):
            saves.setdefault(edge.site.line, set()).update(
                a["ref"] for a in (*edge.site.args, *edge.site.kwargs.values()) if isinstance(a, dict) and a.get("ref"))
    return saves


def committed_by_caller(model: ProjectModel, fq: str, depth: int = 0) -> tuple[str, int, int] | None:
    """(path, call line, write line) of the first caller that awaits `fq` and then commits or flushes
    (`await self.tat.record_signed(self.session, ...)`, then `await self.session.commit()`): a helper
    that changes a loaded row and leaves the write to its caller. Also further up (a service awaited
    by a worker that commits after it), or a handler whose request session a `Depends` provider
    commits after its `yield` (the provider's commit then both lines)."""
    callers = sorted((e for e in model.callers.get(fq, ()) if e.site.awaited and e.caller in model.functions
                      and not e.site.depends), key=lambda e: (e.caller, e.site.line))
    for edge in callers:
        facts, caller = model.functions[edge.caller]
        write = write_after(caller, edge.site.line, committing_blocks(model, edge.caller, caller))
        if write > edge.site.line:
            return facts.path, edge.site.line, write
    for edge in callers:
        found = _committed_on_exit(model, edge.caller) or (
            committed_by_caller(model, edge.caller, depth + 1) if depth < 2 else None)
        if found:
            return found
    return None


def _committed_on_exit(model: ProjectModel, fq: str) -> tuple[str, int, int] | None:
    """A dependency the handler `fq` runs (through other providers too) that yields the session and
    commits it after the `yield`: FastAPI resumes it once the handler has returned, so the rows the
    handler changed are written then."""
    seen, queue = {fq}, [fq]
    while queue and len(seen) < 16:
        for edge in model.depends_edges.get(queue.pop(), ()):
            provider = model.callee_function(edge.target)
            if not provider or provider in seen:
                continue
            seen.add(provider)
            facts, func = model.functions[provider]
            commit = next((s.line for s in func.calls if s.func and s.func[-1] == "commit"), 0)
            if func.has_yield and commit:
                return facts.path, commit, commit
            queue.append(provider)
    return None


def commits(func: FunctionFacts) -> bool:
    """The function commits (a commit or flush, or a `session.begin()` block it leaves)."""
    return any(s.func and s.func[-1] in WRITES for s in func.calls) or any(
        b.get("kind") == "with" and str(b.get("expr", "")).endswith("begin") for b in func.extra.get("blocks", ()))


def committing_blocks(model: ProjectModel, fq: str, func: FunctionFacts) -> tuple[tuple[int, int], ...]:
    """Spans of `async with db.transaction() as session:` blocks whose context manager is a project
    function that commits the session itself (`yield session` then `await session.commit()`):
    leaving the block writes what the body changed, as the end of `session.begin()` does."""
    withs = {b["line"]: b["end"] for b in func.extra.get("blocks", ()) if b.get("kind") == "with"}
    spans = []
    for edge in model.edges.get(fq, ()):
        callee = model.callee_function(edge.target) if edge.site.line in withs and edge.site.used_as else None
        if callee and any(s.func and s.func[-1] == "commit" for s in model.functions[callee][1].calls):
            spans.append((edge.site.line, withs[edge.site.line]))
    return tuple(spans)

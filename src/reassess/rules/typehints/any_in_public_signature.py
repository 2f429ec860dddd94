"""RA856 any-type: `Any` in public signatures and untyped API responses."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural
from ._signatures import (
    ROUTE_VERBS, counted_params, entries_by_function, is_dunder, is_public, route_decorator_kwargs, served_modules,
    signature_text,
)

if TYPE_CHECKING:
    from ...facts.types import FunctionFacts, ModuleFacts
    from ...model.app import EntryPoint

_PREFIX = re.compile(r"\b(?:typing|t|typing_extensions)\.")
_BARE_ANY = {"Any", "Optional[Any]", "Any|None", "None|Any", "Union[Any,None]", "Union[None,Any]"}
_ANY = re.compile(r"\bAny\b")
MAX_RELATED = 40
MAX_MODULE_FINDINGS = 10  # more modules than this: one finding for those without route findings


def bare_any(annotation: str) -> bool:
    """The annotation is `Any` itself (possibly optional), not a container of it."""
    return _PREFIX.sub("", annotation).replace(" ", "") in _BARE_ANY


@register
class AnyInPublicSignature(Rule):
    """`Any` where a public API declares its types.

    What it finds:
        Per module of the served code: public functions and methods with a parameter or
        return annotated as plain `Any` (or `Optional[Any]`), and route handlers whose
        declared response type contains `Any` (e.g. `-> dict[str, Any]`) with no
        `response_model=` on the route decorator. `*args: Any` / `**kwargs: Any`, dunder
        methods, private functions and `Any` nested in other parameters' types (a
        `dict[str, Any]` payload argument) are left alone: those are ordinary and say
        what the container is.

    Why it matters:
        `Any` switches type checking off for everything that flows through it: a caller
        can pass anything, and whatever comes back is trusted everywhere. On a route, the
        response type is the API contract: with `dict[str, Any]` the OpenAPI schema says
        only "object", clients get no generated types, and FastAPI validates nothing on
        the way out, so a renamed key silently breaks clients.

    Example:
        @router.get("/stats")
        async def stats(dm: DataManager = Depends(get_db)) -> dict[str, Any]:
            ...

    Instead:
        class Stats(BaseModel):
            users: int
            open_orders: int

        @router.get("/stats", response_model=Stats)
        async def stats(dm: DataManager = Depends(get_db)) -> Stats:
            ...
    """

    id = "RA856"
    name = "any-type"
    category = "any-type"
    severity = "LOW"
    scope = "project"
    base_effort = 0.5
    effort_per_location = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        entries = entries_by_function(model)
        checked = 0
        found = []
        for facts in served_modules(model):
            hits = []
            for func in sorted(facts.functions.values(), key=lambda f: f.line):
                if not is_public(func) or is_dunder(func.name):
                    continue
                checked += 1
                entry = entries.get(f"{facts.module}.{func.qualname}")
                note = _untyped_response(func, entry) or _bare_any(func)
                if note:
                    hits.append((func, note, entry))
            if hits:
                found.append((facts, hits))
        ctx.examine("public signatures checked for Any", checked)
        if len(found) <= MAX_MODULE_FINDINGS:
            for facts, hits in found:
                yield self._finding(facts, hits)
            return
        routes = [(f, h) for f, h in found if any(_untyped_response(func, e) for func, _, e in h)]
        for facts, hits in routes:  # untyped API responses stay findings of their own
            yield self._finding(facts, hits)
        rest = [(f, h) for f, h in found if (f, h) not in routes]
        if rest:
            yield self._project(rest)

    def _project(self, found: list) -> Finding:
        ranked = sorted(found, key=lambda item: (-len(item[1]), item[0].path))
        total = sum(len(h) for _, h in found)
        facts, hits = ranked[0]
        shown = ", ".join(f"`{f.path}` ({len(h)})" for f, h in ranked[:6])
        return self.finding(
            Location(facts.path, hits[0][0].line, hits[0][0].line),
            f"{total} public signatures in {len(found)} modules typed with `Any`",
            f"{total} public functions and methods declare a parameter or return as plain `Any`, in "
            f"{len(found)} modules. Most: {shown}. First: `{hits[0][0].qualname}` {hits[0][1]}.",
            recommendation=_recommendation(hits[0][0], None),
            related=[Location(f.path, h[0][0].line, h[0][0].line, f"{plural(len(h), 'signature')} with `Any`")
                     for f, h in ranked[1:MAX_RELATED]],
            effort=min(self.max_effort, 1.0 + 0.5 * total),
        )

    def _finding(self, facts: "ModuleFacts", hits: list) -> Finding:
        func, _, entry = hits[0]
        routes = [(f, e) for f, note, e in hits if e is not None and e.kind == "http" and _ANY.search(f.returns)
                  and route_decorator_kwargs(f) is not None and "response_model" not in route_decorator_kwargs(f)]
        listed = "; ".join(f"`{f.qualname}` {note}" for f, note, _ in hits[:8])
        more = f"; and {len(hits) - 8} more" if len(hits) > 8 else ""
        verb = "uses" if len(hits) == 1 else "use"
        description = f"{plural(len(hits), 'public signature')} in `{facts.path}` {verb} `Any`: {listed}{more}."
        if routes:
            description += (f" {plural(len(routes), 'route')} declare{'s' if len(routes) == 1 else ''} an `Any` "
                            "response without `response_model`: the OpenAPI schema shows a bare object and "
                            "FastAPI checks nothing on the way out.")
        return self.finding(
            Location(facts.path, func.line, func.line),
            f"`{facts.path}`: {plural(len(hits), 'public signature')} typed with `Any`",
            description, recommendation=_recommendation(func, entry),
            related=[Location(facts.path, f.line, f.line, f"`{f.qualname}` {note}")
                     for f, note, _ in hits[1:MAX_RELATED]],
            extra={"signatures": len(hits), "routes": len(routes)},
        )


def _untyped_response(func: "FunctionFacts", entry: "EntryPoint | None") -> str:
    if entry is None or entry.kind != "http" or not _ANY.search(func.returns):
        return ""
    kwargs = route_decorator_kwargs(func)
    if kwargs is None or "response_model" in kwargs:
        return ""
    return f"({entry.name}) returns `{func.returns}` with no `response_model`"


def _bare_any(func: "FunctionFacts") -> str:
    params = [p.name for p in counted_params(func) if p.kind not in ("vararg", "kwarg") and bare_any(p.annotation)]
    parts = [f"`{p}: Any`" for p in params] + (["`-> Any`"] if bare_any(func.returns) else [])
    return "declares " + ", ".join(parts) if parts else ""


def _recommendation(func: "FunctionFacts", entry: "EntryPoint | None") -> str:
    if entry is not None and entry.kind == "http" and _untyped_response(func, entry):
        model = "".join(part.capitalize() for part in func.name.strip("_").split("_")) + "Response"
        deco = next(d for d in func.decorators if d.is_call and d.func.rsplit(".", 1)[-1] in ROUTE_VERBS)
        path = deco.args[0] if deco.args and isinstance(deco.args[0], str) else "..."
        prefix = "async def" if func.is_async else "def"
        return (f"Declare the response as a model, so that the schema documents it and FastAPI validates it:\n\n"
                f"```python\nclass {model}(BaseModel):\n    ...  # the keys `{func.name}` returns today, typed\n\n\n"
                f"@{deco.func}(\"{path}\", response_model={model})\n{prefix} {func.name}(...) -> {model}:\n"
                f"    ...\n```")
    prefix = "async def" if func.is_async else "def"
    fixed = _ANY.sub("object", signature_text(func))
    return ("Name the real type: the union of what callers pass, a `Protocol` for what the code calls on the "
            "value, a `TypedDict` for a dict of known keys, or `object` where any value is fine (unlike `Any`, "
            "the checker then demands a check before use):"
            f"\n\n```python\n{prefix} {fixed}:  # Any replaced; narrow further where you can\n    ...\n```")

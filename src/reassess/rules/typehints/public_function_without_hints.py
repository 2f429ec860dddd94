"""RA855 missing-type-hints: public functions of a module without complete annotations."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ...metrics.layers import layers_of
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural
from ._signatures import counted_params, entries_by_function, is_dunder, is_public, served_modules

if TYPE_CHECKING:
    from ...facts.types import FunctionFacts, ModuleFacts
    from ...model.app import EntryPoint
    from ...model.project import ProjectModel

MOSTLY_UNTYPED_PCT = 50.0  # below this share of complete public signatures, one project finding
MAX_MODULE_FINDINGS = 10  # more modules with gaps than this: one project finding instead
MAX_RELATED = 40
_PLACEHOLDER = re.compile(r"{(\w+)(?::[^}]*)?}")
_FASTAPI_DEFAULTS = ("Depends", "Security", "Query", "Path", "Body", "Header", "Cookie", "Form", "File")


@dataclass
class Gap:
    """One public function and what its signature leaves unannotated."""

    facts: "ModuleFacts"
    func: "FunctionFacts"
    params: list[str] = field(default_factory=list)
    returns: bool = False
    entry: "EntryPoint | None" = None
    service: bool = False

    @property
    def rank(self) -> tuple:
        return (self.entry is None, not self.service, self.func.line)

    def what(self) -> str:
        items = [f"`{p}`" for p in self.params] + (["the return"] if self.returns else [])
        return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]

    def note(self) -> str:
        role = f"{self.entry.name}: " if self.entry else ("service: " if self.service else "")
        return f"{role}`{self.func.qualname}` has no hint on {self.what()}"


@register
class PublicFunctionWithoutHints(Rule):
    """Public functions and methods whose parameters or return are not annotated.

    What it finds:
        Per module of the served code (tests and migrations are left out), the public
        functions and methods (no `_` in their dotted name, not nested) that lack a hint on
        a parameter (other than `self`/`cls`) or on the return (`__init__` needs none).
        Entry points and service methods come first in the list. A route handler parameter
        with neither a hint nor a `Depends()`/`Query()`-style default is called out: FastAPI
        then treats it as an untyped query parameter it neither converts nor validates (MEDIUM).
        Litestar handlers are described in Litestar's terms (it fills a parameter by name: its
        reserved names, a dependency, else a query parameter), Tornado handlers in Tornado's (its
        route's regex groups arrive as positional strings); neither raises the severity.
        When fewer than half of all public signatures are complete, one finding for the
        project replaces the per-module ones.

    Why it matters:
        Without hints mypy/pyright skip the function body and every call of it, so wrong
        argument types and `None` returns reach production; readers must open the body to
        learn what a function takes and gives back. For FastAPI handlers the hints are the
        request validation.

    Example:
        async def place_order(self, user_id, req):
            ...

    Instead:
        async def place_order(self, user_id: int, req: OrderCreate) -> asyncpg.Record:
            ...
    """

    id = "RA855"
    name = "missing-type-hints"
    category = "missing-type-hints"
    severity = "LOW"
    scope = "project"
    base_effort = 0.5
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        per_module = _gaps_per_module(ctx.model)
        total = sum(count for _, count, _ in per_module.values())
        missing = sum(len(gaps) for _, _, gaps in per_module.values())
        ctx.examine("public functions checked for hints", total)
        if not missing:
            return
        with_gaps = [(facts, count, gaps) for facts, count, gaps in per_module.values() if gaps]
        if 100 * (total - missing) / total >= MOSTLY_UNTYPED_PCT and len(with_gaps) <= MAX_MODULE_FINDINGS:
            for facts, count, gaps in with_gaps:
                yield self._module(facts, count, gaps)
            return
        yield self._project(with_gaps, total, missing)
        for facts, count, gaps in with_gaps:  # unvalidated query parameters stay findings of their own
            queried = [g for g in gaps if _unvalidated(g) and _framework(g) != "tornado"]
            if queried:  # (Tornado's positional strings are the project finding's hints to add, no more)
                yield self._module(facts, count, queried)

    def _module(self, facts: "ModuleFacts", count: int, gaps: list[Gap]) -> Finding:
        first = gaps[0]
        unvalidated = [g for g in gaps if _unvalidated(g)]
        listed = "; ".join(g.note() for g in gaps[:8]) + (f"; and {len(gaps) - 8} more" if len(gaps) > 8 else "")
        verb = "lacks" if len(gaps) == 1 else "lack"
        description = (f"{len(gaps)} of the {plural(count, 'public function')} of `{facts.path}` {verb} hints: "
                       f"{listed}.")
        for framework in sorted({_framework(g) for g in unvalidated}):
            pairs = [(p, g.func.name) for g in unvalidated if _framework(g) == framework for p in _unvalidated(g)]
            description += " " + _request_text(framework, pairs)
        return self.finding(
            Location(facts.path, first.func.line, first.func.line),
            f"`{facts.path}`: {len(gaps)} of {count} public functions {verb} type hints",
            description, recommendation=_recommendation(facts, first),
            severity="MEDIUM" if any(_framework(g) == "" for g in unvalidated) else "LOW",
            related=[Location(facts.path, g.func.line, g.func.line, g.note()) for g in gaps[1:MAX_RELATED]],
            extra={"public_functions": count, "incomplete": len(gaps)},
        )

    def _project(self, with_gaps: list, total: int, missing: int) -> Finding:
        ranked = sorted(with_gaps, key=lambda item: (-len(item[2]), item[0].path))
        facts, _, gaps = ranked[0]
        shown = ", ".join(f"`{f.path}` ({len(g)} of {c})" for f, c, g in ranked[:6])
        pct = round(100 * (total - missing) / total, 1)
        title = (f"Type hints are largely missing: {missing} of {total} public functions lack them"
                 if pct < MOSTLY_UNTYPED_PCT else
                 f"{missing} of {total} public functions in {len(ranked)} modules lack complete type hints")
        return self.finding(
            Location(facts.path, gaps[0].func.line, gaps[0].func.line), title,
            f"Only {total - missing} of {total} public functions and methods ({pct:g}%) have complete hints, in "
            f"{plural(len(ranked), 'module')} with gaps. Most gaps: {shown}.",
            recommendation=_recommendation(facts, gaps[0]),
            related=[Location(f.path, g[0].func.line, g[0].func.line,
                              f"{len(g)} of {c} public functions without complete hints")
                     for f, c, g in ranked[1:MAX_RELATED]],
            effort=min(self.max_effort, 2.0 + 0.1 * missing),
            extra={"public_functions": total, "incomplete": missing},
        )


def _needs_hints(func: "FunctionFacts") -> bool:
    """`__init__` and ordinary functions; other dunders follow their protocol's signature."""
    return not is_dunder(func.name) or func.name == "__init__" and bool(counted_params(func))


def _gap(facts: "ModuleFacts", func: "FunctionFacts", entries: dict, services: set[str]) -> Gap | None:
    fq = f"{facts.module}.{func.qualname}"
    params = [p.name for p in counted_params(func) if not p.annotation]
    returns = not func.returns and func.name != "__init__"
    if not params and not returns:
        return None
    return Gap(facts, func, params, returns, entries.get(fq), fq in services)


# Names Litestar fills from the request itself whatever their hint (its reserved keyword arguments).
_LITESTAR_RESERVED = frozenset({"request", "socket", "headers", "cookies", "query", "state", "scope", "body",
                                "data"})


def _framework(gap: Gap) -> str:
    return str(gap.entry.details.get("framework", "")) if gap.entry is not None else ""


def _unvalidated(gap: Gap) -> list[str]:
    """Parameters of a route handler the framework fills from the request with no hint to convert
    or check them by. FastAPI/Starlette and Litestar read such a parameter as a query parameter (no
    marker default such as `Depends(...)`/`Query(...)`, not a `{placeholder}` of the route's path, and
    for Litestar not one of its reserved names such as `request` or `data`); Tornado passes its
    route's regex groups positionally, as strings."""
    if gap.entry is None or gap.entry.kind != "http":
        return []
    untyped = [p for p in counted_params(gap.func) if not p.annotation and p.kind not in ("vararg", "kwarg")]
    framework = _framework(gap)
    if framework == "tornado":
        return [p.name for p in untyped]
    if framework not in ("", "litestar"):
        return []
    in_path = set(_PLACEHOLDER.findall(gap.entry.route))
    reserved = _LITESTAR_RESERVED if framework == "litestar" else frozenset()
    return [p.name for p in untyped if p.name not in in_path and p.name not in reserved
            and p.default_call.rsplit(".", 1)[-1] not in _FASTAPI_DEFAULTS]


def _request_text(framework: str, pairs: list[tuple[str, str]]) -> str:
    """What the framework does with these unannotated handler parameters, in its own terms."""
    names = ", ".join(f"`{p}` (in `{f}`)" for p, f in pairs)
    one = len(pairs) == 1
    it = "it" if one else "them"
    if framework == "tornado":
        return (f"Tornado passes {names} positionally, as the {'string' if one else 'strings'} its route's regex "
                f"{'group' if one else 'groups'} matched: it converts nothing, so a `str` hint says what arrives and "
                f"any other type has to be parsed in the handler.")
    if framework == "litestar":
        return (f"Litestar fills {names} by name (a dependency provided under that name, otherwise a query "
                f"parameter) and builds its checks from the hints: with none it neither converts nor validates "
                f"{it}.")
    kind = "an untyped query parameter" if one else "untyped query parameters"
    return (f"FastAPI reads {names} as {kind}: it neither converts nor validates {it}, and a parameter meant "
            f"as the `Request` becomes a required query parameter.")


def _recommendation(facts: "ModuleFacts", gap: Gap) -> str:
    func = gap.func
    params = [f"{p.name}: {p.annotation or '<type>'}" + (" = ..." if p.has_default else "")
              for p in counted_params(func)[:6]]
    owner = ["self"] if func.class_name and counted_params(func) != list(func.params) else []
    prefix = "async def" if func.is_async else "def"
    returns = func.returns or ("None" if func.name == "__init__" else "<type>")
    signature = f"{prefix} {func.name}({', '.join(owner + params)}) -> {returns}:"
    return (f"Annotate every parameter and the return, starting with `{func.qualname}`, then have mypy keep the "
            f"module complete:\n\n```python\n{signature}\n    ...\n```\n\n```toml\n[[tool.mypy.overrides]]\n"
            f"module = \"{facts.module}\"\ndisallow_untyped_defs = true\n```")


def _gaps_per_module(model: "ProjectModel") -> dict[str, tuple["ModuleFacts", int, list[Gap]]]:
    """Per served module with public functions: its facts, how many public functions need
    hints, and the ones that lack them, the most important first."""
    entries = entries_by_function(model)
    services = {fq for comp in layers_of(model).graph.components.values()
                if comp.kind in ("service", "data-layer") for fq in comp.functions}
    per_module: dict[str, tuple["ModuleFacts", int, list[Gap]]] = {}
    for facts in served_modules(model):
        public = [f for f in facts.functions.values() if is_public(f) and _needs_hints(f)]
        gaps = [g for g in (_gap(facts, f, entries, services) for f in public) if g is not None]
        if public:
            per_module[facts.path] = (facts, len(public), sorted(gaps, key=lambda g: g.rank))
    return per_module

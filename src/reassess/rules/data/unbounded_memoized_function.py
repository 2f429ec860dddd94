"""RA232 unbounded-cache: `@cache` / `@lru_cache(maxsize=None)` on a function called with run-time values."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register
from ._common import served_path, short
from ...knowledge.memoisers import cache_decorator
from .lru_cache_on_method import instance_method, unbounded, written

# annotations whose values form a small, closed set: memoising on them cannot grow far
_CLOSED = ("bool", "Literal", "None", "type", "Type")  # `type[Settings]`: the classes the code defines


@register
class UnboundedMemoizedFunction(Rule):
    """A module-level function memoised with no bound, called with values that come from
    requests, rows or loops.

    What it finds:
        Functions (not methods on `self`, which RA225 covers) decorated with `functools.cache`,
        `lru_cache(maxsize=None)` or `lru_cache(None)`, when at least one call site passes an
        argument taken from the caller's own parameters or locals (a request field, a row, a
        loop variable) for a parameter whose type is open (`str`, `int`, `date`, a tuple...).
        A zero-argument factory (`get_settings()`), arguments that are constants or settings,
        and parameters typed `bool`, `Literal[...]` or an `Enum` are not reported: their keys
        are fixed by the code.

    Why it matters:
        The memo table keeps one entry per distinct argument tuple for the life of the
        process and nothing evicts it: keyed by a polyline, a date or a customer id, it grows
        with traffic and time until the worker is OOM-killed, and every replica holds its own copy.

    Example:
        @lru_cache(maxsize=None)
        def city_tax(hotel_code: str, day: date, adults: int) -> Decimal: ...

        for day in stay_dates(req):
            total += city_tax(hotel.code, day, req.adults)

    Instead:
        Bound it (`@lru_cache(maxsize=1024)`) or use `cachetools.TTLCache` when values can change.
    """

    id = "RA232"
    name = "unbounded-memoized-function"
    category = "unbounded-cache"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for fq, (facts, func) in model.functions.items():
            deco = cache_decorator(facts, func)
            if deco is None or not unbounded(deco) or instance_method(func) or not served_path(facts.path):
                continue
            # a recursive call derives its arguments from the memoised call's own (descending the
            # structure the outer key names), so only the outer callers open the key space
            sites = [edge for edge in model.callers.get(fq, ()) if edge.caller != fq and _open_key(model, func, edge)]
            if not sites:
                continue
            first = sites[0]
            caller_path = model.functions[first.caller][0].path
            how = written(deco, True)
            yield self.finding(
                Location(facts.path, deco.line, deco.line),
                f"`{how}` on `{func.qualname}` grows with every distinct argument",
                f"`{func.qualname}` is memoised with `{how}`, which never evicts, and `{short(first.caller)}` calls it "
                "with a run-time value (a parameter, row field or loop variable) for an open-ended parameter: "
                "the memo table gains an entry per distinct argument tuple for the life of the process.",
                related=[Location(model.site_path(e), e.site.line, e.site.line,
                                  f"called with run-time arguments in `{short(e.caller)}`") for e in sites[:4]]
                if caller_path else [],
                recommendation="Bound it, e.g. `@functools.lru_cache(maxsize=1024)`, or use `cachetools.TTLCache` "
                               "if the values can change.",
            )


def _open_key(model, func, edge) -> bool:
    """The call passes a caller-local value for a parameter with an open type."""
    caller_facts, caller = model.functions[edge.caller]
    params = [p for p in func.params if p.kind in ("posonly", "pos", "kwonly") and p.name not in ("cls", "self")]
    by_name = {p.name: p for p in params}
    pairs = list(zip(params, edge.site.args)) + [(by_name.get(k), v) for k, v in edge.site.kwargs.items()]
    codes = set(func.extra.get("code_params", ()))
    return any(param is not None and param.name not in codes and not _closed(model, param.annotation)
               and _runtime(caller_facts, caller, _converted(caller_facts, caller, value)) for param, value in pairs)


# builtins that turn any value into a key of the same open range (`semver(str(attrs["v"]))`)
_CONVERSIONS = frozenset({"str", "int", "float", "bytes", "tuple", "frozenset", "repr"})


def _converted(caller_facts, caller, value):
    """For `str(x)` as an argument, `x`: the facts keep only the call's name and line, so the
    conversion calls of that name on the line stand for it when every one converts a run-time
    value; the value itself otherwise."""
    name = value.get("call") if isinstance(value, dict) else None
    if name not in _CONVERSIONS:
        return value
    inner = [site.args[0] for site in caller.calls if site.line == value.get("line") and site.func == (name,)
             and len(site.args) == 1]
    return inner[0] if inner and all(_runtime(caller_facts, caller, i) for i in inner) else value


def _closed(model, annotation: str) -> bool:
    """A parameter type with few values: bool, Literal[...], an Enum of the project."""
    if not annotation:
        return False
    if annotation.split("[", 1)[0].rsplit(".", 1)[-1] in _CLOSED:
        return True
    fq = model.memo("data.class_fqs_by_name", lambda: _classes_by_name(model)).get(annotation)
    return fq is not None and model.is_enum(fq)


def _classes_by_name(model) -> dict[str, str]:
    """Class name -> the first project class of that name (once per run, not per parameter)."""
    found: dict[str, str] = {}
    for fq in model.classes:
        found.setdefault(fq.rsplit(".", 1)[-1], fq)
    return found


def _runtime(caller_facts, caller, value) -> bool:
    """A name or attribute chain rooted in the caller's parameters or locals (not `self`, a
    module-level name, an import or a constant), or what a method of such a local returns
    (`match.group(1)`, `row.get("sku")`, `name.lower()`): a value of this call too."""
    if not isinstance(value, dict):
        return False
    chain = str(value.get("ref") or (value.get("call") if "." in str(value.get("call", "")) else ""))
    if not chain:
        return False
    root = chain.split(".", 1)[0]
    if root in ("self", "cls") or root in caller_facts.assigns or root in caller_facts.functions \
            or root in caller_facts.classes or root.isupper():
        return False
    imported = {imp.alias or imp.name or imp.module.split(".", 1)[0] for imp in caller_facts.imports}
    return root not in imported

"""RA240 cache-misuse: a cache-key helper that takes an input and leaves it out of the key."""
from __future__ import annotations

from typing import Iterator

from ...facts.cachekeys import named_like_cache
from ...facts.types import CallSite, FunctionFacts
from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.project import Edge, ProjectModel
from ..api import ProjectContext, Rule, register

# cache commands whose first argument is the key
_KEYED_OPS = frozenset({"get", "set", "setex", "setnx", "getex", "getdel", "hget", "hset", "hgetall", "delete",
                        "exists", "expire", "get_json", "set_json", "put"})
_MAX_RELATED = 4


@register
class KeyBuilderDropsInput(Rule):
    """A key helper whose callers hand it an input it leaves out of the cache key it builds.

    What it finds:
        A function whose whole body returns one string built from its parameters (`return
        f"quote:{branch_id}:{vehicle_class}"`) while a scalar parameter it declares
        (`starts_at: datetime`) appears nowhere in it, when its result is used as the key of a
        cache command (`await redis.get(quote_key(...))`, or a local holding it passed to
        `pipe.set(key, ...)` on a Redis pipeline) by a caller that passes that parameter. The
        callers say the value depends on the input; the key says it does not. Parameters named
        with a leading underscore (kept for a signature) do not count. Also a key helper given every
        input it takes, called by cache accessors that take one more scalar and never read it
        (`get_summary(self, tenant_id, start, end)` keyed by `self._summary_key(start, end)`) while
        their callers pass it: cited at the helper's key, where the input is missing.

    Why it matters:
        Every lookup that differs only in the dropped input shares one entry: whichever call fills
        it first decides what the others get until it expires (a quote for other dates, another
        tenant's page). Nothing fails, so the wrong answers go unnoticed.

    Example:
        def quote_key(branch_id: str, starts_at: datetime, ends_at: datetime) -> str:
            return f"quote:{branch_id}"

    Instead:
        def quote_key(branch_id: str, starts_at: datetime, ends_at: datetime) -> str:
            return f"quote:{branch_id}:{starts_at:%Y%m%dT%H%M}:{ends_at:%Y%m%dT%H%M}"
    """

    id = "RA240"
    name = "key-builder-drops-input"
    category = "cache-misuse"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        builders = [(fq, facts, func) for fq, facts, func in model.iter_functions()
                    if "key_builder_drops" in func.extra and not is_test_path(facts.path)]
        ctx.examine("string-building helpers dropping a parameter", len(builders))
        for fq, facts, func in builders:
            drops = func.extra["key_builder_drops"]
            uses = [e for e in model.calls_to(fq) if _keys_cache(model, e) and _passes(func, e.site, drops["missing"])]
            if not uses:
                continue
            missing = ", ".join(f"`{name}`" for name in drops["missing"])
            plural = len(drops["missing"]) > 1
            related = [Location(model.site_path(e), e.site.line, e.site.end_line,
                                "a cache key built here, with the left-out input passed") for e in uses[:_MAX_RELATED]]
            yield self.finding(
                Location(facts.path, drops["line"], drops["end"]),
                f"Cache key built by `{func.qualname}` leaves out {missing}",
                f"`{func.qualname}` takes {missing} but builds `{drops['key']}` without "
                f"{'them' if plural else 'it'}; its callers pass {'them' if plural else 'it'} and use the result as a "
                f"cache key ({len(uses)} place{'s' if len(uses) != 1 else ''}), so lookups that differ only in "
                f"{missing} share one entry and all but the first get another call's value until it expires.",
                related=related,
                recommendation=f"Put every input the callers pass into the key (or stop taking {missing} if the "
                               "value truly does not depend on it).",
            )
        yield from self._accessors(model)

    def _accessors(self, model: ProjectModel) -> Iterator[Finding]:
        """A cache accessor taking an input it never reads (`get_summary(tenant_id, start, end)`) whose
        key comes from a key helper (`self._summary_key(start, end)`), while its callers pass that input:
        the key helper is where the input is missing, cited once for all its accessors."""
        found: dict[str, list[tuple[str, Edge, list[str]]]] = {}
        for fq, _facts, func in model.iter_functions():
            unread = func.extra.get("cache_unread_params")
            if not unread or not any(_passes(func, e.site, unread) for e in model.calls_to(fq)):
                continue
            for edge in model.edges.get(fq, ()):
                builder = model.callee_function(edge.target)
                if builder and "key_builder" in model.functions[builder][1].extra and _keys_cache(model, edge):
                    found.setdefault(builder, []).append((fq, edge, unread))
        for builder, uses in sorted(found.items()):
            facts, func = model.functions[builder]
            if is_test_path(facts.path) or "key_builder_drops" in func.extra:
                continue
            key = func.extra["key_builder"]
            names = sorted({name for _fq, _e, unread in uses for name in unread})
            missing = ", ".join(f"`{name}`" for name in names)
            accessors = sorted({model.functions[fq][1].qualname for fq, _e, _u in uses})
            related = [Location(model.site_path(e), e.site.line, e.site.end_line,
                                f"`{model.functions[fq][1].qualname}` takes {', '.join(unread)} and keys the cache "
                                "without it") for fq, e, unread in uses[:_MAX_RELATED]]
            yield self.finding(
                Location(facts.path, key["line"], key["end"]),
                f"Cache key built by `{func.qualname}` leaves out {missing}",
                f"{', '.join(f'`{a}`' for a in accessors)} take{'s' if len(accessors) == 1 else ''} {missing} from "
                f"{'its' if len(accessors) == 1 else 'their'} callers but never read{'s' if len(accessors) == 1 else ''} "
                f"it: the cache key comes from `{func.qualname}` (`{key['key']}`), which is not given {missing}. "
                f"Lookups that differ only in {missing} share one entry, and all but the first get another call's "
                "value until it expires.",
                related=related,
                recommendation=f"Pass {missing} to `{func.qualname}` and put it into the key.",
            )


def _keys_cache(model: ProjectModel, edge: Edge) -> bool:
    """The call's result is the key of a cache command in the caller: passed straight to it
    (`redis.get(key_of(...))`) or through a local bound once to it (`key = key_of(...)`)."""
    func = model.functions[edge.caller][1]
    line = edge.site.line
    for site in func.calls:
        if not site.func or len(site.func) < 2 or site.func[-1] not in _KEYED_OPS or not site.args:
            continue
        key = site.args[0]
        if isinstance(key, dict) and "ref" in key and "." not in key["ref"]:
            key = func.local_types.get(key["ref"])
        if isinstance(key, dict) and key.get("call") and key.get("line") == line and _cache_like(func, site):
            return True
    return False


def _cache_like(func: FunctionFacts, site: CallSite) -> bool:
    """The receiver is named like a cache (`self._redis`, `cache`) or is a pipeline taken from one."""
    receiver = site.func[:-1]
    if named_like_cache(receiver[-1]):
        return True
    bound = func.local_types.get(receiver[-1]) if len(receiver) == 1 else None
    made = bound.get("call", "") if isinstance(bound, dict) else ""
    return made.endswith(".pipeline") and named_like_cache(made)


def _passes(func: FunctionFacts, site: CallSite, missing: list[str]) -> bool:
    """The call hands the helper a value for each left-out parameter (by position or by name)."""
    if site.star_args:
        return False
    positional = [p.name for p in func.params if p.kind in ("posonly", "pos") and p.name not in ("self", "cls")]
    given = set(positional[:len(site.args)]) | set(site.kwargs)
    return all(name in given for name in missing)

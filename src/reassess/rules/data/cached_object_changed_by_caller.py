"""RA230 cache-misuse: a caller changes the object another module's cache handed it."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register
from ._cache_returned import DICT_CACHES, is_cache_name

_EXPIRING = DICT_CACHES - {"dict", "defaultdict", "OrderedDict"}  # cachetools: a cache by construction


@register
class CachedObjectChangedByCaller(Rule):
    """A function changes, in place, the object a cache of another module returned to it.

    What it finds:
        `card = await self._cache.get(id)` where the call goes to a method (or function) of
        another module that returns the object it keeps in its own cache (`return
        self._local.get(id)`, `cached = _rules[city]; return cached`), and the caller then
        changes that object, or a part of it (`card["price"] = ...`, `table.update(overrides)`,
        `for s in menu["sections"]: s["items"] = ...`), and hands it on in its result. The
        cache is a dict the class (or module) fills by key and that is named a cache or is an
        expiring cachetools cache (`TTLCache`, `LRUCache`) or a project class named a cache
        (`BoundedTTLCache`). Not reported: a copy taken first
        (`dict(...)`, `copy.deepcopy(...)`), a method that returns a copy (`return
        dict(card)`), and a read-modify-write that stores the value back through the same
        object. A caller in the cache's own module is RA228's.

    Why it matters:
        An in-process cache hands out the object it holds, not a copy: the caller's change is
        written into the cache entry itself, so one request's data (a discount, a user's
        overrides) is served to every later hit on that key until it expires. The cache and
        the change live in different modules, so neither looks wrong on its own.

    Example:
        card = await self._cache.get(course_id)  # CatalogCache.get returns its own dict
        card["price_cents"] = card["price_cents"] * (100 - coupon) // 100
        return card

    Instead:
        Change a copy (`card = dict(card)` right after the call, `copy.deepcopy` for nested
        values), or make the cache return copies or immutable values.
    """

    id = "RA230"
    name = "cached-object-changed-by-caller"
    category = "cache-misuse"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for fq, facts, func in model.iter_functions():
            changes = func.extra.get("changed_results")
            if not changes:
                continue
            # the method's edge, not the constructor's at the same spot (`Service(session).summary(id)`)
            sites = {(e.site.line, e.site.col): e for e in model.edges.get(fq, ()) if e.target.kind == "function"}
            done: set[str] = set()
            for change in changes:
                edge = sites.get((change["line"], change["col"]))
                callee = edge.target.name if edge is not None else ""
                if change["name"] in done or callee not in model.functions:
                    continue
                callee_facts, callee_func = model.functions[callee]
                if callee_facts.path == facts.path:
                    continue  # the same file: RA228 follows it
                kept = _kept_cache(model, callee, callee_facts, callee_func)
                if kept is not None:
                    done.add(change["name"])
                    yield self._finding(facts, func, change, callee_facts, callee_func, kept)

    def _finding(self, facts: ModuleFacts, func: FunctionFacts, change: dict, callee_facts: ModuleFacts,
                 callee: FunctionFacts, kept: dict) -> Finding:
        name, how, owner = change["name"], change["how"], kept["owner"]
        via = callee.qualname
        description = (
            f"`{func.qualname}` gets `{name}` from `{via}()` (line {change['line']}), which returns the object it "
            f"keeps in `{owner}` itself ({callee_facts.path}:{kept['line']}), and changes it (or a part of it) in "
            f"place with `{how}` before handing it on: the change is written into the cache, so every later hit "
            f"on that key (another request, another user) sees this call's data.")
        return self.finding(
            Location(facts.path, change["at"], change["end"]),
            f"`{name}` from `{via}()` is the object cached in `{owner}`, and it is changed in place", description,
            related=[Location(facts.path, change["line"], change["line"], f"`{name}` obtained from `{via}()`"),
                     Location(callee_facts.path, kept["line"], kept["line"],
                              f"`{via}()` returns the cached object itself")],
            recommendation=(f"Change a copy, taken right after the call (line {change['line']}):\n\n"
                            f"    {name} = copy.deepcopy({name})\n\nor make `{via}()` return a copy (or an "
                            f"immutable value) so no caller can reach the cached object."),
        )


def _kept_cache(model, fq: str, facts: ModuleFacts, func: FunctionFacts) -> dict | None:
    """The first `returns_kept` entry of `fq` whose owner is a cache its class or module fills."""
    for kept in func.extra.get("returns_kept", ()):
        owner = kept["owner"]
        loads = _fills(func, owner)  # a get-or-load: a cache by what it does
        if owner.startswith("self.") and func.class_name:
            if _class_cache(model, f"{facts.module}.{func.class_name}", owner, loads):
                return kept
        elif "." not in owner and _module_cache(facts, owner, loads):
            return kept
    return None


# cache classes written through a method (`self._local.set(key, value)`, `cache.put(k, v)`)
_FILL_METHODS = frozenset({"set", "put", "setdefault"})


def _fills(func: FunctionFacts, owner: str) -> bool:
    """The function stores an item in `owner`: `owner[k] = v`, or a cache's own setter."""
    if any(s["item"] and s["target"] == owner for s in func.extra.get("stores", ())):
        return True
    chain = tuple(owner.split("."))
    return any(site.func and tuple(site.func[:-1]) == chain and site.func[-1] in _FILL_METHODS
               and len(site.args) >= 2 for site in func.calls)


def _class_cache(model, class_fq: str, owner: str, loads: bool) -> bool:
    """`self.X` is a dict the class creates, fills by key in some method, and that is a cache
    by name (of the attribute or the class), by type (an expiring cachetools cache) or by what
    the returning method does (`loads`: it fills the dict on a miss)."""
    if class_fq not in model.classes:
        return False
    attr = owner.split(".", 1)[1]
    made = filled = ""
    for method in model.classes[class_fq][1].methods:
        found = model.functions.get(f"{class_fq}.{method}")
        if found is None:
            continue
        value = found[1].self_attrs.get(attr)
        if isinstance(value, dict) and (value.get("literal") == "dict" or _cache_class_name(_constructor(value))):
            made = made or _constructor(value) or "dict"
        if _fills(found[1], owner):
            filled = method
    cache_named = is_cache_name(attr) or is_cache_name(class_fq)
    return bool(made and filled) and (cache_named or _cache_by_construction(made) or loads)


def _module_cache(facts: ModuleFacts, name: str, loads: bool) -> bool:
    """`NAME = {}` / `TTLCache(...)` at module level, filled by key in a function of the module,
    and a cache by name, by type or by what the returning function does (see `_class_cache`)."""
    assign = facts.assigns.get(name)
    if assign is None:
        return False
    value = assign.value
    made = "dict" if isinstance(value, dict) and value.get("literal") == "dict" else _constructor(value)
    if not _cache_class_name(made):
        return False
    filled = any(_fills(f, name) for f in facts.functions.values())
    return filled and (is_cache_name(name) or _cache_by_construction(made) or loads)


def _constructor(value) -> str:
    """The class a value is made by: `TTLCache` for `TTLCache(...)` and `TTLCache[int, dict](...)`."""
    return str(value.get("call") or "").removesuffix(".[]").rsplit(".", 1)[-1] if isinstance(value, dict) else ""


def _cache_class_name(made: str) -> bool:
    """A dict or a cache container."""
    return made in DICT_CACHES or _cache_by_construction(made)


def _cache_by_construction(made: str) -> bool:
    """An expiring cachetools cache, or a class of the project named a cache (`BoundedTTLCache`)."""
    return made in _EXPIRING or made.endswith("Cache")

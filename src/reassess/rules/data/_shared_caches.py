"""Dicts a class is handed by its constructor and fills as a cache (RA227): `self._route_cache =
route_cache`, where every construction passes one dict made for the process (`app.state.route_cache
= {}` in the lifespan, or a module-level dict). The object may be built per request; the dict is
not, so its lifetime is the dict's own, and the line that makes it grow is the fill in the class."""
from __future__ import annotations

from ...model.resilience.trace import argument_for
from ._cache_candidates import EVICT, Cache, is_dict


def handed_in(model) -> dict[tuple[str, str], Cache]:
    """(class, "self.attr") -> a candidate for each dict attribute a constructor stores from its
    parameter, when every construction in the project passes the same process-long dict."""
    found: dict[tuple[str, str], Cache] = {}
    for init_fq, facts, func in model.iter_functions():
        if not (func.class_name and func.name == "__init__"):
            continue
        owner = f"{facts.module}.{func.class_name}"
        params = {p.name for p in func.params[1:]}
        for attr, value in func.self_attrs.items():
            ref = value.get("ref") if isinstance(value, dict) and set(value) <= {"ref", "line"} else None
            made = _made_for_process(model, owner, init_fq, func, ref) if ref in params else None
            if made is not None:
                line = next((s["line"] for s in func.extra.get("stores", ())
                             if s["target"] == f"self.{attr}" and not s["item"]), func.line)
                found[(owner, f"self.{attr}")] = Cache(owner, f"self.{attr}", facts.path, line, handed_in=made)
    return found


def _made_for_process(model, owner: str, init_fq: str, init, param: str) -> tuple[str, int, str] | None:
    """Where the one dict every construction of `owner` passes for `param` is made, when it lives
    for the process (an `app.state` attribute or a module-level dict); None otherwise."""
    made: set[tuple[str, int, str]] = set()
    for edge in model.callers.get(init_fq, ()):
        if edge.target.kind != "class" or edge.target.name != owner or edge.caller not in model.functions:
            continue
        value, passed = argument_for(edge.site, init, param, True)
        where = _process_dict(model, edge.caller, value) if passed else None
        if where is None:
            return None
        made.add(where)
    return next(iter(made)) if len(made) == 1 else None


def _process_dict(model, fq: str, value) -> tuple[str, int, str] | None:
    """The creation of the process-long empty dict `value` names in `fq`: `request.app.state.x`
    (through a local `state = request.app.state` too) set to `{}` wherever the app stores it, or a
    module-level `X = {}` (here or imported)."""
    ref = value.get("ref") if isinstance(value, dict) and set(value) == {"ref"} else None
    if not isinstance(ref, str):
        return None
    facts, func = model.functions[fq]
    head, dot, rest = ref.partition(".")
    bound = func.local_types.get(head)
    if dot and isinstance(bound, dict) and set(bound) == {"ref"} and isinstance(bound["ref"], str):
        ref = f"{bound['ref']}.{rest}"
    parts = ref.split(".")
    if len(parts) >= 3 and parts[-3:-1] == ["app", "state"]:
        return _state_dict(model, parts[-1])
    if len(parts) == 1 and head not in func.local_types and not any(p.name == head for p in func.params):
        return _module_dict(model, facts.module, head)
    return None


def _state_dict(model, attr: str) -> tuple[str, int, str] | None:
    """Where `app.state.<attr>` is set, when every assignment sets it to an empty dict."""
    places = []
    for facts, func, value in model.state_assigns.get(attr, ()):
        if not is_dict(value):
            return None
        assigns = (func.extra if func is not None else facts.extra).get("state_assigns", ())
        places += [(facts.path, line, f"app.state.{attr}") for chain, _v, line in assigns
                   if chain.rsplit(".", 1)[-1] == attr]
    return min(places) if places else None


def _module_dict(model, module: str, name: str) -> tuple[str, int, str] | None:
    """Where the module-level dict `name` of `module` (or the module it is imported from) is made."""
    binding = model.bindings.get(module, {}).get(name)
    if binding is None or binding.kind not in ("variable", "import"):
        return None
    home, _, target = binding.target.rpartition(".") if binding.kind == "import" else (module, "", name)
    facts = model.modules.get(home)
    assign = facts.assigns.get(target) if facts is not None else None
    if assign is None or not assign.mutable or not is_dict(assign.value):
        return None
    return facts.path, assign.line, target


def share_evictions(model, caches: dict[tuple[str, str], Cache]) -> None:
    """A dict handed to several classes is one dict: what any holder (or any code reaching it as
    `app.state.<name>` or by its module-level name) takes out of it counts for all of them."""
    by_dict: dict[tuple[str, int, str], list[Cache]] = {}
    for cache in caches.values():
        if cache.handed_in is not None:
            by_dict.setdefault(cache.handed_in, []).append(cache)
    for made, holders in by_dict.items():
        evictors = [fq for cache in holders for fq in cache.evictors]
        evictors += sorted(_direct_evictors(model, made[2].rsplit(".", 1)[-1]) - set(evictors))
        keyed = {fq: lines for cache in holders for fq, lines in cache.keyed.items()}  # one class's methods each
        for cache in holders:
            cache.evictors, cache.keyed = list(evictors), {fq: list(lines) for fq, lines in keyed.items()}


def _direct_evictors(model, name: str) -> set[str]:
    """Functions that take entries out of the dict through its own name (`app.state.route_cache.clear()`)."""
    return {fq for fq, _facts, func in model.iter_functions() for site in func.calls
            if site.func and len(site.func) >= 2 and site.func[-1] in EVICT and site.func[-2] == name
            and site.func[0] not in ("self", "cls")}

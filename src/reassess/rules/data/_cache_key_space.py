"""Whether the keys a cache is filled under come from a closed set (RA227): a class, a literal or
a parameter every caller passes one, a member of a project `Enum`, the entries of a map the object
already holds, or a fill that runs only while the dict is empty. Such a dict stays as small as the
code makes it, however long the process runs."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model.resilience import blocks as blk
from ...model.resilience.trace import argument_for

if TYPE_CHECKING:
    from ._cache_candidates import Cache


_TYPE_ANNOTATION = re.compile(r"^(type|Type|typing\.Type)(\[.*\])?$")


def bounded_keys(model, cache: "Cache") -> bool:
    """Every store's key comes from a closed set: a class (`memo[type(obj)]`), a literal or a
    parameter every caller passes a literal (`interval_log("hedge", ...)`), an entry of a map the
    object already holds (`for sym, pair in self._symbols.items(): addr_map[addr(sym)] = pair`),
    or a fill that runs only while the dict is empty (one listing, loaded once). The keys do not
    grow with what the process serves, however long it runs."""
    for fq, line in cache.stores:
        func = model.functions[fq][1]
        key = next((s.get("key") for s in func.extra.get("stores", ()) if s["line"] == line and s["item"]), None)
        if not (key is not None and (_type_value(func, key) or _literal_key(model, fq, func, key)
                                     or _enum_key(model, fq, key))
                or _mirrors_held_map(func, line) or _filled_once(func, line, cache.attr)):
            return False
    return True


_PASSED_ON = 3  # hops a parameter is followed up through callers that hand on their own parameter


def _literal_key(model, fq: str, func, key, depth: int = 0) -> bool:
    """A constant key, or a parameter that every project call passes a constant, itself or through
    a caller handing on its own parameter (`_render(name)` -> `_load(name)`, every `_render` call
    naming a template file)."""
    if isinstance(key, (str, int)) and not isinstance(key, bool):
        return True
    param = key.get("ref") if isinstance(key, dict) else None
    mapping = _keys_of_param(func, param) if isinstance(param, str) else ""
    if mapping:
        return _constant_keyed(model, fq, func, mapping, depth)
    if param not in {p.name for p in func.params} or param in func.extra.get("rebound", ()):
        return False
    edges = model.callers.get(fq, ())
    return bool(edges) and depth < _PASSED_ON and all(
        _literal_key(model, e.caller, model.functions[e.caller][1], argument_for(e.site, func, param, False)[0],
                     depth + 1) if e.caller in model.functions
        else isinstance(argument_for(e.site, func, param, False)[0], (str, int)) for e in edges)


def _keys_of_param(func, name: str) -> str:
    """`for key, value in values.items():` (or `for key in values:`) where `values` is a parameter:
    that parameter, whose keys `name` runs through ("" when `name` is no such loop variable)."""
    params = {p.name for p in func.params} - set(func.extra.get("rebound", ()))
    for info in func.extra.get("loops", {}).values():
        over = info.get("iter") if info.get("kind") == "for" else None
        targets = [t.strip() for t in str(info.get("target", "")).split(",")]
        ref = over.get("call", "").removesuffix(".items").removesuffix(".keys") if isinstance(over, dict) \
            and over.get("call") in (f"{x}.{m}" for x in params for m in ("items", "keys")) \
            else (over.get("ref") if isinstance(over, dict) else None)
        if ref in params and targets and targets[0] == name:
            return ref
    return ""


def _constant_keyed(model, fq: str, func, param: str, depth: int) -> bool:
    """Every project call passes `param` a dict literal whose keys are all constants
    (`set_values({"ffmpeg_support": result})`), itself or through a caller handing on its own
    parameter: the loop over its keys stores at most those names."""
    edges = model.callers.get(fq, ())
    if not edges or depth >= _PASSED_ON:
        return False
    for e in edges:
        arg = argument_for(e.site, func, param, False)[0]
        if isinstance(arg, dict) and arg.get("literal") == "dict":
            items = arg.get("items")
            if not isinstance(items, list) or len(items) != arg.get("size") \
                    or not all(isinstance(k, (str, int)) and not isinstance(k, bool) for k, _v in items):
                return False
            continue
        ref = arg.get("ref") if isinstance(arg, dict) else None
        caller = model.functions.get(e.caller)
        if caller is None or ref not in {p.name for p in caller[1].params} \
                or not _constant_keyed(model, e.caller, caller[1], ref, depth + 1):
            return False
    return True


def _enum_key(model, fq: str, key) -> bool:
    """The key is a parameter (or local) typed with one of the project's `Enum` classes
    (`def load(source: DocumentSource)`), or a local read off an attribute that holds one (`key =
    db.dialect.value`): at most one entry per member the class declares."""
    name = key.get("ref") if isinstance(key, dict) else None
    if not isinstance(name, str):
        return False
    facts, func = model.functions[fq]
    bound = func.local_types.get(name) if "." not in name else None
    if isinstance(bound, dict) and isinstance(bound.get("ref"), str) and "." in bound["ref"]:
        name = bound["ref"]  # `key = db.dialect.value`, then `cache[key] = ...`
    if "." in name:
        return _enum_member_chain(model, facts, func, name)
    found = model.resolver.type_of_name(facts, func, name)
    return bool(found) and found[0] == "instance" and found[1] in model.classes and model.is_enum(found[1])


def _enum_member_chain(model, facts, func, chain: str) -> bool:
    """`db.dialect.value` (or `.name`, or the member itself) where `db.dialect` resolves to an
    instance of a project `Enum`: one key per member."""
    parts = tuple(chain.split("."))
    if parts[-1] in ("value", "name"):
        parts = parts[:-1]
    found = model.resolver.type_of_chain(facts, func, parts) if len(parts) > 1 else None
    return bool(found) and found[0] == "instance" and found[1] in model.classes and model.is_enum(found[1])


def _mirrors_held_map(func, line: int) -> bool:
    """The store runs in a `for` over another attribute of the object (`self._symbols.items()`):
    one entry per entry of a map it already holds."""
    for start, info in func.extra.get("loops", {}).items():
        iterable = info.get("iter")
        name = str(iterable.get("call") or iterable.get("ref") or "") if isinstance(iterable, dict) else ""
        if info.get("kind") == "for" and name.startswith("self.") and start <= line <= info.get("end", 0):
            return True
    return False


def _filled_once(func, line: int, attr: str) -> bool:
    """The store sits under `if not self._rules:` (or `not bool(...)`): it fills the empty dict
    from one listing, once."""
    return any(attr in block.get("absent", ()) or "bool" in block.get("absent", ()) and
               [("bool", {"ref": attr})] == [(c[0], c[1]) for c in block.get("calls", ())]
               for block in blk.ifs(func) if blk.inside(block, line))


def _type_value(func, value, depth: int = 0) -> bool:
    """The value is a class: a parameter annotated `type[...]`, a `type(x)` call, a local bound to one."""
    if not isinstance(value, dict) or depth > 3:
        return False
    if value.get("call") == "type":
        return True
    ref = value.get("ref")
    param = next((p for p in func.params if p.name == ref), None)
    if param is not None:
        return bool(_TYPE_ANNOTATION.match(param.annotation.replace(" ", "")))
    return isinstance(ref, str) and _type_value(func, func.local_types.get(ref), depth + 1)

"""The cached-value-returned smells of the shared walk: a cache (a dict attribute, a module dict,
a cachetools cache) that hands out the mutable object it keeps, so a caller's change lands in
the cache; with the helpers on cache names and shapes the cache-mutated smells share.
"""
from __future__ import annotations

import ast
from typing import Any

from ...facts.values import unparse
from ._scan_state import _LIST_CALLS, ScanState, Smell, _call_name, _self_attr

_MUTABLE_MAKERS = frozenset({"dict", "list", "set", "defaultdict", "OrderedDict", "json", "loads", "model_dump",
                             "dict_", "copy", "deepcopy"})
# dict-like caches declared in `__init__`: plain dicts and the cachetools classes
DICT_CACHES = frozenset({"dict", "defaultdict", "OrderedDict", "TTLCache", "LRUCache", "LFUCache", "TLRUCache",
                          "FIFOCache", "RRCache"})
_MAPPINGS = frozenset({"dict", "Dict", "TTLCache", "LRUCache", "LFUCache", "Cache", "MutableMapping",
                       "defaultdict", "DefaultDict", "OrderedDict"})
_MUTABLE_VALUES = {"list": "list", "List": "list", "deque": "list", "Deque": "list", "dict": "dict", "Dict": "dict",
                   "defaultdict": "dict", "set": "set", "Set": "set"}
_BUILT_SHAPES = {"dict": "dict", "dictcomp": "dict", "list": "list", "listcomp": "list", "set": "set",
                 "setcomp": "set"}  # a returned literal or comprehension (as the facts write it) -> its shape
_GROW = frozenset({"append", "extend", "insert", "add", "appendleft"})


def _dict_classes(facts: Any) -> set[str]:
    """The classes that keep dicts, assigned in a method or declared as fields: their methods may
    cache values in them."""
    dict_classes = {func.class_name for func in facts.functions.values()
                    if func.class_name and any(_dict_value(v) for v in func.self_attrs.values())}
    dict_classes |= {cls.qualname for cls in facts.classes.values() if any(
        _dict_field(value, cls.annotations.get(name, "")) for name, value in cls.class_attrs.items())}
    return dict_classes


def _uses_module_dict(func: Any, module_dicts: set[str]) -> bool:
    """Stores into, or returns an entry of, a module-level dict (`_cache[k] = v`, `return _cache[k]`)."""
    if not module_dicts:
        return False
    if any(store.get("target") in module_dicts for store in func.extra.get("stores", ())):
        return True
    if any(site.func and len(site.func) == 2 and site.func[0] in module_dicts and site.func[1] in ("put", "set")
           for site in func.calls):
        return True  # `_ranges.put(key, value)`: a cache object's own store
    refs = [str(v.get("ref") or v.get("call") or "") for v in func.returns_values if isinstance(v, dict)]
    return any(ref.rsplit(".", 1)[0] in module_dicts for ref in refs if ref.endswith((".[]", ".get")))


def _cache_call(value: Any) -> bool:
    """`TTLCache(maxsize=..., ttl=...)` and the other dict-like cache constructors, as the facts write them."""
    return isinstance(value, dict) and str(value.get("call") or "").rsplit(".", 1)[-1] in DICT_CACHES


def _mutable_builders(facts: Any) -> dict[str, str]:
    """Functions of this file that return a container they build (`return {"seats": [...]}`), by
    qualified name, with its shape: a local bound to their result is a new mutable object."""
    found: dict[str, str] = {}
    for qualname, func in facts.functions.items():
        for value in func.returns_values:
            kind = value.get("literal") or value.get("call") if isinstance(value, dict) else ""
            shape = _BUILT_SHAPES.get(str(kind or ""), "")
            if shape:
                found[qualname] = shape
                break
    return found


def is_cache_name(dotted: str) -> bool:
    return "cache" in dotted.rsplit(".", 1)[-1].lower()


def _dict_value(value: Any) -> bool:
    return isinstance(value, dict) and (value.get("literal") == "dict" or value.get("call", "").rsplit(".", 1)[-1]
                                        in DICT_CACHES)


def _dict_field(value: Any, annotation: str) -> bool:
    """A dataclass / pydantic field declared as a dict with a factory
    (`_amenities: dict[int, list[str]] = field(default_factory=dict)`)."""
    return isinstance(value, dict) and value.get("call", "").rsplit(".", 1)[-1] in ("field", "Field") \
        and annotation.split("[", 1)[0].rsplit(".", 1)[-1] in ("dict", "Dict", "defaultdict", "OrderedDict")


def _declare_field(info: dict[str, Any], stmt: ast.AnnAssign) -> None:
    """A class-body field whose factory builds a dict per instance: the instance's own dict
    attribute, as if `__init__` assigned `self.name = {}` (with the annotation's value shape)."""
    value = stmt.value
    if type(stmt.target) is not ast.Name or type(value) is not ast.Call or _call_name(value) not in ("field", "Field"):
        return
    factory = next((kw.value for kw in value.keywords if kw.arg == "default_factory"), None)
    if factory is None or unparse(factory).rsplit(".", 1)[-1] not in ("dict", "defaultdict", "OrderedDict"):
        return
    info["attrs"].setdefault(stmt.target.id, stmt.lineno)
    shape = _declared_value_shape(stmt.annotation)
    if shape:
        info["valued"].setdefault(stmt.target.id, shape)


def _declared_value_shape(annotation: ast.expr) -> str:
    """The container kind of a mapping annotation's values (`dict[str, list[int]]` -> "list"), else ""."""
    if type(annotation) is not ast.Subscript or type(annotation.slice) is not ast.Tuple \
            or len(annotation.slice.elts) != 2:
        return ""
    head = unparse(annotation.value).rsplit(".", 1)[-1]
    value = annotation.slice.elts[1]
    value_head = value.value if type(value) is ast.Subscript else value
    return _MUTABLE_VALUES.get(unparse(value_head).rsplit(".", 1)[-1], "") if head in _MAPPINGS else ""


def _grown_entry(call: ast.Call) -> str:
    """The attribute whose entry the call grows in place (`self.storage[key].append(order)`), or ""."""
    func = call.func
    return _self_attr(func.value.value) if type(func) is ast.Attribute and func.attr in _GROW \
        and type(func.value) is ast.Subscript else ""


def _state_store(attr: str, stores: list, grown: set[str]) -> bool:
    """A keyed store of the class's own state, not a cache: its entries start empty (`self.orders[k]
    = []`) and grow by appends, at most rewritten from themselves (`[o for o in self.orders[k] if
    ...]`). Nothing is loaded into it on a miss, so handing out the live list is the store's API."""
    if attr not in grown or is_cache_name(attr):
        return False
    return all(_empty_container(value) or _derived_from(value, attr) for value, _line, _mutable in stores)


def _empty_container(value: ast.expr) -> bool:
    if type(value) in (ast.List, ast.Set, ast.Tuple):
        return not value.elts
    if type(value) is ast.Dict:
        return not value.keys
    return type(value) is ast.Call and not value.args and not value.keywords \
        and _call_name(value) in ("list", "dict", "set", "deque")


def _derived_from(value: ast.expr, attr: str) -> bool:
    """A comprehension over the attribute itself (a filtered rewrite of its own entries)."""
    return type(value) in (ast.ListComp, ast.SetComp, ast.DictComp) and any(
        _self_attr(gen.iter if type(gen.iter) is not ast.Subscript else gen.iter.value) == attr
        for gen in value.generators)


def _lookup_owner(value: ast.expr) -> ast.expr | None:
    """`x` for `x[k]` or `x.get(...)`, the container an entry is read from; else None."""
    if type(value) is ast.Subscript:
        return value.value
    if type(value) is ast.Call and type(value.func) is ast.Attribute and value.func.attr == "get":
        return value.func.value
    return None


def _mutable(value: ast.expr) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)):
        return True
    return isinstance(value, ast.Call) and _call_name(value) in _MUTABLE_MAKERS


def _shape(value: ast.expr) -> str:
    """The kind of container a mutable value is, for the wording of a finding."""
    if isinstance(value, (ast.List, ast.ListComp)) or (isinstance(value, ast.Call) and
                                                       _call_name(value) in _LIST_CALLS):
        return "list"
    return "set" if type(value) in (ast.Set, ast.SetComp) or (type(value) is ast.Call and _call_name(value) == "set") \
        else "dict"


def _is_dict(value: ast.expr) -> bool:
    return isinstance(value, ast.Dict) or (isinstance(value, ast.Call) and _call_name(value) in (
        "dict", "defaultdict", "OrderedDict"))


def _constant_key(key: ast.expr) -> object:
    """The literal key of a store or read (`cfg["services"]`), or None when it is computed."""
    return key.value if type(key) is ast.Constant and isinstance(key.value, (str, int)) else None


def _other_entry(node: ast.Return, stores: list, keys: dict[int, object]) -> bool:
    """A read under a literal key (`return self.cfg.get("name")`) of a dict whose mutable values are
    all stored under other literal keys (`self.cfg["services"] = {...}`): the value handed out is
    not one the class put there as a container, so nothing shows a caller could change the cache."""
    value = node.value
    key = value.slice if type(value) is ast.Subscript else value.args[0] \
        if type(value) is ast.Call and value.args else None
    read = _constant_key(key) if key is not None else None
    stored = [keys.get(line) for _value, line, mutable in stores if mutable]
    return read is not None and all(k is not None and k != read for k in stored)


def _key_text(node: ast.Return) -> str:
    value = node.value
    key = value.slice if isinstance(value, ast.Subscript) else value.args[0] if isinstance(value, ast.Call) and \
        value.args else None
    return unparse(key)[:40] if key is not None else "key"


def _reads_name(node: ast.Return, name: str) -> bool:
    """`return NAME[key]` or `return NAME.get(key)`."""
    value = _lookup_owner(node.value)
    return isinstance(value, ast.Name) and value.id == name


def _reads_attr(node: ast.Return, attr: str) -> bool:
    """`return self.ATTR[key]` or `return self.ATTR.get(key)`."""
    return _self_attr(_lookup_owner(node.value)) == attr


class CacheReturnSmells(ScanState):
    """Methods and functions that hand out the mutable value a dict attribute or module dict caches
    (`return self._cache[key]`): whoever changes the result changes the cache. What classes and
    module dicts store is gathered as the walk goes; the returns are judged when a class ends and
    when the module ends."""

    def _declared_values(self, node: ast.AnnAssign) -> None:
        """`self._zone_bins: dict[str, list[int]] = {}`: a dict attribute declared to hold mutable
        values, so whatever is stored in it (an awaited query result, say) is a list, dict or set."""
        attr = _self_attr(node.target) if self.classes else ""
        shape = _declared_value_shape(node.annotation) if attr else ""
        if shape:
            self.classes[-1]["valued"][attr] = shape

    def _class_store(self, target: ast.expr, value: ast.expr) -> None:
        """`self.X = {}` and `self.X[k] = value` inside a class: the cache candidates."""
        if not self.classes:
            return
        info = self.classes[-1]
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
            self._snapshot_store(info, target.attr, value)
            if isinstance(value, ast.Dict) or (isinstance(value, ast.Call) and _call_name(value) in DICT_CACHES):
                info["attrs"].setdefault(target.attr, value.lineno)
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute) and \
                isinstance(target.value.value, ast.Name) and target.value.value.id == "self":
            # `self._cache[k] = rows` where `rows = [...]` was built in this method counts as a list
            mutable = _mutable(value) or type(value) is ast.Name and (
                self.scope.kinds.get(value.id) == "list" or value.id in self.scope.built)
            info["stores"].setdefault(target.value.attr, []).append((value, target.lineno, mutable))
            info.setdefault("store_keys", {})[target.lineno] = _constant_key(target.slice)
            self._tuple_entry(info, target.value.attr, value, target.lineno)
            if type(value) is ast.Name and self.names:  # after the store, the local IS the cached object
                info["aliases"][self.scope.name, value.id] = target.value.attr
                info["shapes"][target.lineno] = self.scope.built.get(value.id, "list")
        elif isinstance(target, ast.Name) and self.names:
            self._note_alias(info, target.id, value)

    def _tuple_entry(self, info: dict[str, Any], attr: str, value: ast.expr, line: int) -> None:
        """`self._entries[k] = (time.monotonic(), config)`: the positions of a stored tuple that
        hold a container built here (a timestamped entry hands out its value by position)."""
        if type(value) is not ast.Tuple:
            return
        for index, item in enumerate(value.elts):
            shape = _shape(item) if _mutable(item) else self.scope.built.get(item.id, "") \
                if type(item) is ast.Name else ""
            if shape:
                info["parts"].setdefault(attr, {}).setdefault(index, (line, shape))

    def _note_alias(self, info: dict[str, Any], name: str, value: ast.expr) -> None:
        """`cached = self._entries.get(key)` / `self._entries[key]`: a local naming the cached value."""
        attr = _self_attr(_lookup_owner(value))
        if attr:
            info["aliases"][self.scope.name, name] = attr
        else:
            info["aliases"].pop((self.scope.name, name), None)

    def _snapshot_store(self, info: dict[str, Any], attr: str, value: ast.expr) -> None:
        """`self.X = {}` in `__init__`, then `if stale: self.X = await self._load()` in a method:
        a whole-value cache (a snapshot reloaded when stale or missing)."""
        method = self.names[-1] if self.names else ""
        if method == "__init__":
            if _mutable(value):
                info["inits"].setdefault(attr, value.lineno)
            return
        call = value.value if isinstance(value, ast.Await) else value
        if self.ifs and isinstance(call, ast.Call):
            info["reloads"].setdefault(attr, {}).setdefault(self.scope.name, value.lineno)

    def _note_built(self, target: ast.expr, value: ast.expr) -> None:
        """A local holding a container built here: stored into a cache, the cached value is mutable."""
        if isinstance(target, ast.Name):
            # a container built here, or returned new by a function of this file (`await self._load(...)`)
            shape = _shape(value) if _mutable(value) else self.builders.get(self._local_target(value), "")
            if shape:
                self.scope.built[target.id] = shape
            else:
                self.scope.built.pop(target.id, None)

    def _note_grown_entry(self, node: ast.Call) -> None:
        """`self.storage[key].append(order)`: the attribute's entries grow in place (`_state_store`)."""
        if self.classes and (grown := _grown_entry(node)):
            self.classes[-1]["appended"].add(grown)

    def _module_store(self, target: ast.expr, value: ast.expr) -> None:
        """`NAME = {}` at module level, and `NAME[key] = value` in a function: a module cache."""
        if len(self.scopes) == 1 and not self.classes:
            if isinstance(target, ast.Name) and (_is_dict(value) or type(value) is ast.Call
                                                 and _call_name(value) in DICT_CACHES):
                self.module_dicts[target.id] = value.lineno
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and \
                target.value.id in self.module_dicts:
            self.module_stores.setdefault(target.value.id, []).append((value, target.lineno, self.scope.name))
            if type(value) is ast.Name and value.id in self.scope.built:
                self.mutable_stores.add(target.lineno)
        elif type(target) is ast.Name and self.module_dicts:  # `cached = _layouts.get(venue_id)`
            owner = _lookup_owner(value)
            if type(owner) is ast.Name and owner.id in self.module_dicts:
                self.module_aliases[self.scope.name, target.id] = owner.id
            else:
                self.module_aliases.pop((self.scope.name, target.id), None)

    def _module_put(self, node: ast.Call) -> None:
        """`NAME.put(key, value)` / `NAME.set(key, value)` in a function, on a module-level cache
        object: a store by key like `NAME[key] = value`."""
        func = node.func
        if type(func) is ast.Attribute and func.attr in ("put", "set") and type(func.value) is ast.Name \
                and func.value.id in self.module_dicts and len(node.args) == 2 and len(self.scopes) > 1:
            self._module_store(ast.Subscript(value=func.value, slice=node.args[0], ctx=ast.Store(),
                                             lineno=node.lineno), node.args[1])

    def _cache_returns(self, info: dict[str, Any]) -> None:
        """A method returning a cached mutable value itself (`return self._cache[key]`, or the
        whole snapshot it reloads, `return self._tree`)."""
        self._whole_returns(info)
        self._tuple_returns(info)
        for attr, stores in info["stores"].items():
            declared = info["valued"].get(attr, "")
            if declared:
                stores = [(value, line, True) for value, line, _ in stores]
            if attr not in info["attrs"] or not any(mutable for _, _, mutable in stores) \
                    or _state_store(attr, stores, info["appended"]):
                continue
            self._entry_returns(info, attr, stores, declared)

    def _whole_returns(self, info: dict[str, Any]) -> None:
        """`return self._tree` from a method that reloads the whole snapshot `__init__` set up."""
        for node, function in info["returns"]:
            attr = _self_attr(node.value)
            reload_line = info["reloads"].get(attr, {}).get(function) if attr else None
            if reload_line and attr in info["inits"]:
                self.found.append(Smell("cache-returned", node.lineno, node.end_lineno or node.lineno, function,
                                        {"attr": attr, "class": info["name"], "store_line": reload_line,
                                         "whole": True}))

    def _tuple_returns(self, info: dict[str, Any]) -> None:
        """`entry = self._entries.get(k)` ... `return entry[1]`: the container a stored tuple holds
        at that position, handed out itself."""
        for node, function in info["returns"]:
            value = node.value
            if type(value) is not ast.Subscript or type(value.value) is not ast.Name \
                    or type(value.slice) is not ast.Constant or type(value.slice.value) is not int:
                continue
            attr = info["aliases"].get((function, value.value.id), "")
            part = info["parts"].get(attr, {}).get(value.slice.value)
            if part is not None and attr in info["attrs"]:
                self.found.append(Smell("cache-returned", node.lineno, node.end_lineno or node.lineno, function,
                                        {"attr": attr, "class": info["name"], "store_line": part[0],
                                         "alias": unparse(value), "shape": part[1], "key": ""}))

    def _entry_returns(self, info: dict[str, Any], attr: str, stores: list, declared: str) -> None:
        """`return self._cache[key]` (or a local aliasing the entry) of a dict attribute that stores
        mutable values: one finding per method, at its first return of the cached object."""
        reported: set[str] = set()
        for node, function in info["returns"]:
            alias = type(node.value) is ast.Name and info["aliases"].get((function, node.value.id)) == attr
            if (_reads_attr(node, attr) or alias) and function not in reported and \
                    not _other_entry(node, stores, info.get("store_keys", {})):
                reported.add(function)
                value, line = next((v, n) for v, n, mutable in stores if mutable)
                shape = info["shapes"].get(line) or declared or _shape(value)
                self.found.append(Smell("cache-returned", node.lineno, node.end_lineno or node.lineno, function,
                                        {"attr": attr, "class": info["name"], "store_line": line,
                                         "alias": node.value.id if alias else "", "shape": shape,
                                         "key": _key_text(node)}))

    def _module_cache_returns(self) -> None:
        """A function returning the mutable value it keeps in a module-level dict cache
        (`return _rules_cache[city]`): when the dict is named a cache, or the function fills it."""
        for name, stores in self.module_stores.items():
            mutable = [(line, function) for value, line, function in stores
                       if _mutable(value) or line in self.mutable_stores]
            if not mutable:
                continue
            fillers = {function for _, function in mutable}
            for node, function in self.returns:
                alias = type(node.value) is ast.Name and self.module_aliases.get((function, node.value.id)) == name
                if (_reads_name(node, name) or alias) and (function in fillers or is_cache_name(name)):
                    self.found.append(Smell("cache-returned", node.lineno, node.end_lineno or node.lineno, function,
                                            {"attr": name, "class": "", "store_line": mutable[0][0],
                                             "module": True, "key": _key_text(node),
                                             "alias": node.value.id if alias else ""}))

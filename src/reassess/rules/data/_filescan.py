"""One walk of a file's tree for the algorithm, copy and cache rules.

The file rules of this family share the walk: the first rule to ask scans the tree and
the others read the result (kept for the tree being analysed, then dropped). The walk
tracks what each question needs: the enclosing loops (and whether they iterate over data
or over a constant), the local names bound to lists and strings, and the values a class
stores in its dict attributes.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from ...facts import loopexit
from ...facts.kept import MUTATORS, fixed_tables, found_in, iterated_container
from ...facts.readonly import changed_at_top_only, only_read
from ...facts.values import unparse
from ...facts.visitor import FastVisitor, descendants
from ._filtered_copy import copy_kept, filtered_only, one_entry_read, only_measured, parents_of

_LIST_CALLS = frozenset({"list", "sorted"})
# redis commands whose reply redis-py returns as a list (names no other common library uses)
_REDIS_LIST_REPLIES = frozenset({"lrange", "zrange", "zrevrange", "zrangebyscore", "zrevrangebyscore", "hkeys",
                                 "hvals"})
_COPY_CALLS = frozenset({"list", "tuple", "set", "sorted", "dict", "frozenset"})
_MUTABLE_MAKERS = frozenset({"dict", "list", "set", "defaultdict", "OrderedDict", "json", "loads", "model_dump",
                             "dict_", "copy", "deepcopy"})
# dict-like caches declared in `__init__`: plain dicts and the cachetools classes
_DICT_CACHES = frozenset({"dict", "defaultdict", "OrderedDict", "TTLCache", "LRUCache", "LFUCache", "TLRUCache",
                          "FIFOCache", "RRCache"})
_DICT_MUTATORS = frozenset({"pop", "popitem", "clear", "update", "setdefault", "__setitem__", "__delitem__"})

# verbs of a method that takes an entry out of a collection (`remove_position`, `_clear_transition`)
_REMOVAL_VERBS = frozenset({"remove", "pop", "delete", "del", "discard", "clear", "drop", "evict", "unregister",
                            "unsubscribe", "forget"})


def _removes_item(node: ast.For | ast.AsyncFor) -> bool:
    """The body hands the loop's item to a method named for removing it (`trading.remove_position(key)`,
    a property alias of the copied dict living in another module): what that method empties
    cannot be seen here, so the copy may be what keeps the loop safe."""
    targets = _names(node.target)
    for sub in descendants(node.body):
        if type(sub) is ast.Call and type(sub.func) is ast.Attribute and \
                _REMOVAL_VERBS & set(sub.func.attr.lower().split("_")) and \
                any(type(a) is ast.Name and a.id in targets for a in (*sub.args, *(k.value for k in sub.keywords))):
            return True
    return False


@dataclass(frozen=True)
class Smell:
    kind: str
    line: int
    end_line: int
    function: str
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass
class _Loop:
    node: ast.AST
    line: int
    data: bool  # iterates over data (not a constant, not range(<literal>))
    targets: frozenset[str]
    body: list[ast.stmt] = field(default_factory=list)  # whose bindings count ([] for a comprehension)
    table: str = ""  # the imported name it iterates, which may be a written-out collection (a project question)
    _bound: tuple[frozenset[str], frozenset[str]] | None = None
    _once: list[list[int]] | None = None

    @property
    def assigned(self) -> frozenset[str]:
        """Names bound or mutated inside the body."""
        return self._bindings()[0]

    @property
    def rebound(self) -> frozenset[str]:
        """Names assigned anew inside the body."""
        return self._bindings()[1]

    def _bindings(self) -> tuple[frozenset[str], frozenset[str]]:
        """Walked when first asked: only a candidate smell asks, and most loops hold none."""
        if self._bound is None:
            self._bound = _bindings(self.body)
        return self._bound

    def runs_once(self, node: ast.AST) -> bool:
        """Whether `node` runs at most once per loop (`loopexit`), its blocks found when first asked."""
        if type(self.node) not in (ast.For, ast.AsyncFor, ast.While):
            return False
        if self._once is None:
            self._once = loopexit.once_spans(self.node)
        return loopexit.within(self._once, node.lineno, node.col_offset)


@dataclass
class _Scope:
    name: str
    kinds: dict[str, str] = field(default_factory=dict)  # local name -> "list" / "str"
    self_lists: frozenset[str] = frozenset()  # attributes of `self` that are always lists
    fresh: set[str] = field(default_factory=set)  # locals bound to a comprehension or literal built here
    fixed: set[str] = field(default_factory=set)  # locals bound to a non-empty list display of constants
    built: dict[str, str] = field(default_factory=dict)  # local -> "dict"/"list"/"set" it was last bound to anew
    cached: dict[str, tuple[str, int]] = field(default_factory=dict)  # local -> (cache it was read from, line)
    mutated: list[tuple[ast.AST, str, str, int, str]] = field(default_factory=list)  # cache-read locals changed
    written_back: set[str] = field(default_factory=set)  # cache-read locals stored into their cache again
    returned: set[str] = field(default_factory=set)  # cache-read locals the function returns
    deep_fresh: list[tuple[ast.Call, str]] = field(default_factory=list)  # `copy.deepcopy(fresh_local)` calls
    wrapped: set[int] = field(default_factory=set)  # ids of copies already reported inside list()/sorted()
    awaited: set[str] = field(default_factory=set)  # locals bound to an awaited call's result
    deep_awaited: list[tuple[ast.Call, str, str]] = field(default_factory=list)  # (deepcopy, copy, source)
    params: set[str] = field(default_factory=set)  # parameter names (not self/cls)
    positional: list[str] = field(default_factory=list)  # positional parameter names in order (not self/cls)
    snapshots: list[tuple[ast.Call, str]] = field(default_factory=list)  # `name = copy.deepcopy(<not fresh>)`
    got: dict[str, tuple[str, int]] = field(default_factory=dict)  # local -> (function of this file it came from, line)
    parts: dict[str, str] = field(default_factory=dict)  # local -> the `got` local it is (a part of)
    got_changed: list[tuple[ast.AST, str, str]] = field(default_factory=list)  # (node, `got` local, how)
    got_returned: set[str] = field(default_factory=set)  # `got` locals handed out in the result


_cache: dict[str, Any] = {"tree": None, "smells": []}


def smells(tree: ast.Module, facts: Any = None) -> list[Smell]:
    """The smells of this tree, computed once per tree. With the file's facts, only functions
    that can hold a smell (loops, copies, sorts, dict attributes written by key) are walked."""
    if _cache["tree"] is not tree:
        scanner = _Scanner(_wanted(facts) if facts is not None else None,
                           _list_attributes(facts) if facts is not None else {})
        scanner.builders = _mutable_builders(facts) if facts is not None else {}
        scanner.list_results = _list_builders(facts) if facts is not None else set()
        if facts is not None:
            scanner.tables = fixed_tables(facts)
            scanner.imported = {imp.bound for imp in facts.imports if not imp.in_function}
        scanner.visit(tree)
        _cache["tree"], _cache["smells"] = tree, scanner.found
    return _cache["smells"]


def _wanted(facts: Any) -> set[str]:
    """Qualified names (without `<locals>`) of the functions worth walking, with their parents:
    functions with loops, sorts or nested copies, and the methods of classes that keep dicts."""
    dict_classes = {func.class_name for func in facts.functions.values()
                    if func.class_name and any(_dict_value(v) for v in func.self_attrs.values())}
    dict_classes |= {cls.qualname for cls in facts.classes.values() if any(
        _dict_field(value, cls.annotations.get(name, "")) for name, value in cls.class_attrs.items())}
    module_dicts = {name for name, assign in facts.assigns.items() if assign.mutable or _cache_call(assign.value)}
    names: set[str] = set()
    for qualname, func in facts.functions.items():
        lines = [site.line for site in func.calls if site.func and site.func[-1] in ("list", "sorted", "tuple")]
        copies = len(lines) != len(set(lines)) or any(
            site.func and site.func[-1] in ("sorted", "deepcopy", "copy") for site in func.calls)
        if func.extra.get("loops") or copies or func.class_name in dict_classes or _mutates_cache_read(func) \
                or _uses_module_dict(func, module_dicts) or func.extra.get("changed_results"):
            parts = qualname.replace(".<locals>", "").split(".")
            names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return names


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
    return isinstance(value, dict) and str(value.get("call") or "").rsplit(".", 1)[-1] in _DICT_CACHES


_BUILT_SHAPES = {"dict": "dict", "dictcomp": "dict", "list": "list", "listcomp": "list", "set": "set",
                 "setcomp": "set"}  # a returned literal or comprehension (as the facts write it) -> its shape


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


def _list_builders(facts: Any) -> set[str]:
    """Functions of this file whose every `return` builds a list from data (`[r.id for r in rows]`,
    `list(...)`, `sorted(...)`): a local bound to their result is a list sized by that data, so a
    membership test on it scans it (a written-out `[a, b]` is as short as the code and left out)."""
    found: set[str] = set()
    for qualname, func in facts.functions.items():
        values = func.returns_values
        if values and all(isinstance(v, dict) and (v.get("literal") == "listcomp" or v.get("call") in _LIST_CALLS)
                          for v in values):
            found.add(qualname)
    return found


_GROW = frozenset({"append", "extend", "insert", "add", "appendleft"})


def _grown_entry(call: ast.Call) -> str:
    """The attribute whose entry the call grows in place (`self.storage[key].append(order)`), or ""."""
    func = call.func
    return _self_attr(func.value.value) if type(func) is ast.Attribute and func.attr in _GROW \
        and type(func.value) is ast.Subscript else ""


def _state_store(attr: str, stores: list, grown: set[str]) -> bool:
    """A keyed store of the class's own state, not a cache: its entries start empty (`self.orders[k]
    = []`) and grow by appends, at most rewritten from themselves (`[o for o in self.orders[k] if
    ...]`). Nothing is loaded into it on a miss, so handing out the live list is the store's API."""
    if attr not in grown or _is_cache_name(attr):
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


def _is_cache_name(dotted: str) -> bool:
    return "cache" in dotted.rsplit(".", 1)[-1].lower()


def _mutates_cache_read(func: Any) -> bool:
    """A local read from an in-process cache (`x = cache.get(k)`) that the function then changes."""
    reads = {name for name, value in func.local_types.items() if isinstance(value, dict) and _cache_read(value)}
    return bool(reads) and any(site.func and len(site.func) == 2 and site.func[0] in reads
                               and site.func[1] in MUTATORS for site in func.calls)


def _cache_read(value: dict[str, Any]) -> bool:
    """`cache.get(k)` ({"call": "cache.get"}) or `cache[k]` ({"ref": "cache.[]"}) as the facts write them."""
    call, ref = value.get("call", ""), value.get("ref", "")
    source = call[:-4] if call.endswith(".get") else ref[:-3] if ref.endswith(".[]") else ""
    return bool(source) and _is_cache_name(source)


def _list_attributes(facts: Any) -> dict[str, frozenset[str]]:
    """Class qualname -> the `self` attributes every method binds to a list (`self.x = []`,
    `self.x: list[T] = []`, `self.x = list(...)`); one binding to anything else drops it."""
    seen: dict[str, dict[str, bool]] = {}
    for func in facts.functions.values():
        if not func.class_name:
            continue
        attrs = seen.setdefault(func.class_name, {})
        for attr, value in func.self_attrs.items():
            attrs[attr] = attrs.get(attr, True) and _list_value(value)
    return {cls: frozenset(a for a, is_list in attrs.items() if is_list) for cls, attrs in seen.items()}


def _list_value(value: Any) -> bool:
    if isinstance(value, list):  # a list display of literals, `[]` included
        return True
    if not isinstance(value, dict):
        return False
    if "ann" in value:
        return value["ann"].split("[", 1)[0] in ("list", "List", "typing.List")
    return value.get("literal") == "list" or value.get("call", "") == "list"


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


def _dict_value(value: Any) -> bool:
    return isinstance(value, dict) and (value.get("literal") == "dict" or value.get("call", "").rsplit(".", 1)[-1]
                                        in _DICT_CACHES)


def _is_data_iter(node: ast.expr) -> bool:
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):  # `[*payments, *refunds]` unpacks data
        return any(isinstance(e, ast.Starred) and _is_data_iter(e.value) for e in node.elts)
    if isinstance(node, (ast.Constant, ast.Dict)):
        return False
    if isinstance(node, ast.Call):
        name = _call_name(node)
        if name == "range":
            return not all(isinstance(a, ast.Constant) for a in node.args)
        if name in ("enumerate", "reversed", "sorted", "zip") and node.args:
            return any(_is_data_iter(a) for a in node.args)
    if isinstance(node, ast.Name) and node.id.isupper():
        return False
    if isinstance(node, ast.Attribute) and node.attr.isupper():
        return False
    return True


def _count_slice(part: ast.expr) -> bool:
    """`[:k]` / `[-k:]`: the first or last k items, a count the code chose (`history[-n:]`)."""
    if type(part) is not ast.Slice or part.step is not None:
        return False
    if part.lower is None:
        return part.upper is not None
    return part.upper is None and type(part.lower) is ast.UnaryOp and type(part.lower.op) is ast.USub


def _iterated_name(node: ast.expr) -> str:
    """The plain name a loop runs over: `tools`, `tools.items()`, `enumerate(tools)`; "" otherwise."""
    if type(node) is ast.Name:
        return node.id
    if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in ("items", "keys", "values") \
            and not node.args:
        return _iterated_name(node.func.value)
    if type(node) is ast.Call and _call_name(node) in ("enumerate", "sorted", "reversed") and node.args:
        return _iterated_name(node.args[0])
    return ""


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _joins(test: ast.expr, outer: frozenset[str] | set[str], inner: frozenset[str] | set[str]) -> bool:
    """`a.k == b.k`: an equality with the outer loop's item on one side and the inner one's on the other."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [_names(test.left), _names(test.comparators[0])]
    return any(s & outer for s in sides) and any(s & inner for s in sides) and \
        not (sides[0] & outer and sides[0] & inner)


def _matches_item(test: ast.expr, mine: frozenset[str] | set[str], targets: frozenset[str]) -> bool:
    """`r.id == p.rid` / `r.meter_id in ids`: an equality or membership test with the outer item's
    values (`mine`) on one side and the searched item's on the other."""
    if type(test) is not ast.Compare or len(test.ops) != 1 or type(test.ops[0]) not in (ast.Eq, ast.In):
        return False
    sides = [_names(test.left), _names(test.comparators[0])]
    if type(test.ops[0]) is ast.In and not sides[1] & mine:
        return False  # `r.kind in KINDS`: a filter on constants, not a match with the item
    if type(test.ops[0]) is ast.In and type(test.left) is ast.Name and type(test.comparators[0]) is ast.Name:
        return False  # `word in token`: one item searched inside the other (a substring), not a key to look up
    return any(s & mine for s in sides) and any(s & targets for s in sides) and \
        not any(s & mine and s & targets for s in sides)


def _conjuncts(tests: list[ast.expr]) -> list[ast.expr]:
    """The tests with every `a and b` split into its conditions (a join on a composite key)."""
    out: list[ast.expr] = []
    for test in tests:
        if type(test) is ast.BoolOp and type(test.op) is ast.And:
            out.extend(_conjuncts(test.values))
        else:
            out.append(test)
    return out


def _mapping_view(node: ast.expr) -> bool:
    """`d.values()` / `d.keys()` / `d.items()` of a name or attribute: the mapping's own contents."""
    return isinstance(node, ast.Call) and not node.args and isinstance(node.func, ast.Attribute) \
        and node.func.attr in ("values", "keys", "items") and isinstance(node.func.value, (ast.Name, ast.Attribute))


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in descendants([node]) if type(n) is ast.Name}


def _bindings(body: list[ast.stmt]) -> tuple[frozenset[str], frozenset[str]]:
    """Of a loop body, in one pass: the names assigned, augmented or mutated by a method call
    (`x.append`), and the names assigned anew (a list rebuilt per item is scanned once per build)."""
    changed: set[str] = set()
    rebound: set[str] = set()
    for node in descendants(body):
        kind = type(node)
        if kind is ast.Name:
            if type(node.ctx) is ast.Store:
                changed.add(node.id)
                rebound.add(node.id)
            elif type(node.ctx) is ast.Del:
                changed.add(node.id)
        elif kind is ast.Call:
            func = node.func
            if type(func) is ast.Attribute and type(func.value) is ast.Name and func.attr in MUTATORS:
                changed.add(func.value.id)
        elif kind is ast.Subscript and type(node.ctx) is not ast.Load and type(node.value) is ast.Name:
            changed.add(node.value.id)
    return frozenset(changed), frozenset(rebound)


def _reset_in(body: list[ast.stmt], name: str) -> bool:
    """Whether `name` is assigned afresh (`name = ...`) in the loop body: a string started anew
    on every pass is short, and `+=` on it is not quadratic in the loop's output; one cut from
    (`event, buffer = buffer.split(END, 1)`) holds only what is not consumed yet."""
    for node in descendants(body):
        if type(node) is ast.Assign and any(name in _names(t) for t in node.targets
                                            if type(t) in (ast.Name, ast.Tuple)):
            return True
        if type(node) is ast.AnnAssign and node.value is not None and type(node.target) is ast.Name \
                and node.target.id == name:
            return True
    return False


class _Scanner(FastVisitor):
    def __init__(self, wanted: set[str] | None = None, list_attrs: dict[str, frozenset[str]] | None = None) -> None:
        self.wanted = wanted
        self.list_attrs = list_attrs or {}
        self.found: list[Smell] = []
        self.scopes: list[_Scope] = [_Scope("")]
        self.loops: list[_Loop] = []
        self.classes: list[dict[str, Any]] = []
        self.names: list[str] = []  # enclosing class and function names
        self.ifs = 0  # `if` statements enclosing the current statement, within its function
        self.module_dicts: dict[str, int] = {}  # module-level `NAME = {}` -> line
        self.module_stores: dict[str, list[tuple[ast.expr, int, str]]] = {}  # `NAME[k] = v` in functions
        self.returns: list[tuple[ast.Return, str]] = []  # every `return value` in a function
        self.builders: dict[str, str] = {}  # functions of this file returning a new container -> its shape
        self.list_results: set[str] = set()  # functions of this file whose every return builds a list from data
        self.module_aliases: dict[tuple[str, str], str] = {}  # (function, local) -> module cache it was read from
        self.mutable_stores: set[int] = set()  # lines of `NAME[k] = local` storing a container built here
        self.got_changed: list[tuple[str, ast.AST, str, str, int, str]] = []  # per caller: changed result of a call
        self.param_sorts: dict[tuple[str, int], ast.Call] = {}  # (function, positional index) -> `sorted(param)`
        self.steady_args: list[tuple[str, int, str, int, int]] = []  # (callee, index, arg, call line, loop line)
        self.tables: frozenset[str] = frozenset()  # module-level names bound to a written-out collection nothing grows
        self.imported: set[str] = set()  # names bound by this module's imports

    # ----- helpers -----------------------------------------------------------------------
    @property
    def scope(self) -> _Scope:
        return self.scopes[-1]

    def add(self, kind: str, node: ast.AST, **data: Any) -> None:
        data_loops = [loop for loop in self.loops if loop.data]
        if len(data_loops) == 1 and data_loops[0].table and data_loops[0].line == data.get("loop_line"):
            data["table"] = data_loops[0].table  # the finding holds unless that name is a fixed collection
        self.found.append(Smell(kind, node.lineno, getattr(node, "end_lineno", None) or node.lineno,
                                self.scope.name, data))

    def _extent(self, it: ast.expr) -> tuple[bool, str]:
        """Whether a loop over `it` runs over data, and the imported name it runs over (whose
        size only the project knows). A written-out collection, local or of this module, is no data."""
        if not _is_data_iter(it) or type(it) is ast.Subscript and _count_slice(it.slice):
            return False, ""
        name = _iterated_name(it)
        if not name or name in self.scope.params:
            return True, ""
        if name in self.scope.fixed or name in self.tables and name not in self.scope.kinds:
            return False, ""
        return True, name if name in self.imported else ""

    def data_loop(self) -> _Loop | None:
        return next((loop for loop in reversed(self.loops) if loop.data), None)

    # ----- scopes ------------------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        info: dict[str, Any] = {"name": node.name, "attrs": {}, "stores": {}, "returns": [], "inits": {},
                                "reloads": {}, "aliases": {}, "shapes": {}, "valued": {}, "parts": {},
                                "appended": set()}  # attributes whose entries grow in place (`visit_Call`)
        self.classes.append(info)
        self.names.append(node.name)
        saved, self.loops = self.loops, []
        for stmt in node.body:  # class-level assignments (columns, constants) hold no smells
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or self.wanted is None:
                self.visit(stmt)
            elif type(stmt) is ast.AnnAssign:
                _declare_field(info, stmt)
        self.loops = saved
        self.names.pop()
        self.classes.pop()
        self._cache_returns(info)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.names.append(node.name)
        if self.wanted is not None and ".".join(self.names) not in self.wanted:
            self.names.pop()
            return
        scope = _Scope(".".join(self.names))
        owner = ".".join(self.names[:-1])
        scope.self_lists = self.list_attrs.get(owner, self.scope.self_lists) if self.classes else frozenset()
        for arg in node.args.args + node.args.kwonlyargs:
            text = unparse(arg.annotation) if arg.annotation is not None else ""
            if text.startswith(("list[", "List[")) or text in ("list", "List"):
                scope.kinds[arg.arg] = "list"
        scope.params = {arg.arg for arg in node.args.args + node.args.kwonlyargs} - {"self", "cls"}
        scope.positional = [arg.arg for arg in node.args.args if arg.arg not in ("self", "cls")]
        self.scopes.append(scope)
        saved, self.loops = self.loops, []
        saved_ifs, self.ifs = self.ifs, 0
        for stmt in node.body:
            self.visit(stmt)
        self.loops, self.ifs = saved, saved_ifs
        self._cache_mutations(scope)
        seen: set[str] = set()
        for changed, name, how in scope.got_changed:
            if name in scope.got_returned and name not in seen and name in scope.got:
                seen.add(name)
                callee, line = scope.got[name]
                self.got_changed.append((scope.name, changed, name, callee, line, how))
        if scope.deep_fresh:
            self._deepcopy_of_fresh(node, scope)
        for call, copy_name, source in scope.deep_awaited:
            once = not source or _load_counts(node, {source}).get(source) == 1
            if only_read(node, copy_name) and once:
                self.add("copy-only-read", call, copy=copy_name, copied=source or unparse(call.args[0])[:60],
                         param=source in scope.params)
            elif once and source in scope.params and changed_at_top_only(node, copy_name):
                self.add("deep-for-shallow", call, copy=copy_name, copied=source)
            elif only_measured(node, copy_name):
                self._copy_then_read(call, call, "len(...)", copy=copy_name)
        for call, copy_name in scope.snapshots:
            read = one_entry_read(node, call, copy_name)
            if read is not None:
                self._copy_then_read(read, call, ".get(...)" if type(read) is ast.Call else "[...]", at=call)
            elif only_measured(node, copy_name):
                self._copy_then_read(call, call, "len(...)", copy=copy_name)
            else:
                self._copy_then_filter(node, call, copy_name)
        self.scopes.pop()
        self.names.pop()
        for deco in node.decorator_list:
            self.visit(deco)

    visit_AsyncFunctionDef = visit_FunctionDef

    # ----- bindings ----------------------------------------------------------------------
    def visit_Module(self, node: ast.Module) -> None:
        self.generic_visit(node)
        self._module_cache_returns()
        self._changed_by_callers()
        self._sorted_per_call()

    def _sorted_per_call(self) -> None:
        """A helper of this file that sorts a parameter (`ranked = sorted(all_mmrs)`), called in a
        loop with the same, unchanged collection each time: the sort is repeated per pass."""
        seen: set[tuple[str, int]] = set()
        for callee, index, arg, line, loop_line in self.steady_args:
            sort = self.param_sorts.get((callee, index))
            if sort is not None and (callee, index) not in seen:
                seen.add((callee, index))
                self.found.append(Smell("sort-in-loop", sort.lineno, sort.end_lineno or sort.lineno, callee,
                                        {"name": unparse(sort.args[0])[:60], "loop_line": loop_line,
                                         "call_line": line, "arg": arg}))

    def _note_param_sort(self, node: ast.Call) -> None:
        """`sorted(param)` outside loops, in a function: recorded by the parameter's position."""
        arg = node.args[0] if node.args else None
        if type(arg) is ast.Name and arg.id in self.scope.positional and not self.loops:
            self.param_sorts.setdefault((self.scope.name, self.scope.positional.index(arg.id)), node)

    def _note_steady_args(self, node: ast.Call, loop: _Loop) -> None:
        """`self._rank(x, table)` / `rank(x, table)` in a loop, passing a collection the loop does not change."""
        func = node.func
        owner = ".".join(self.scope.name.split(".")[:-1])
        callee = func.id if type(func) is ast.Name else f"{owner}.{func.attr}" if type(func) is ast.Attribute \
            and type(func.value) is ast.Name and func.value.id in ("self", "cls") and owner else ""
        for index, arg in enumerate(node.args if callee else ()):
            if type(arg) is ast.Name and arg.id not in loop.assigned | loop.targets \
                    and not self._inside_loop_only({arg.id}):
                self.steady_args.append((callee, index, arg.id, node.lineno, loop.line))

    def _changed_by_callers(self) -> None:
        """A caller of a function that returns its cached object (`menu = await self.menu(id)`) that
        changes the result, or a part of it, in place and hands it on: the change lands in the cache."""
        returned = {smell.function: smell for smell in self.found if smell.kind == "cache-returned"}
        for function, node, name, callee, line, how in self.got_changed:
            smell = returned.get(callee)
            if smell is not None and function != callee:
                self.found.append(Smell("cache-mutated", node.lineno, getattr(node, "end_lineno", None) or node.lineno,
                                        function, {"name": name, "cache": smell.data["attr"], "read_line": line,
                                                   "how": how, "via": callee, "return_line": smell.line}))

    def visit_Assign(self, node: ast.Assign) -> None:
        kind = self._value_kind(node.value) or self._result_kind(node.value)
        self._note_deep_copies(node)
        self._concat_copy(node)
        for target in node.targets:
            self._module_store(target, node.value)
            self._note_fresh(target, node.value)
            self._note_cached(target, node.value)
            if isinstance(target, ast.Name):
                _note_fixed(self.scope.fixed, target.id, node.value)
                if kind:
                    self.scope.kinds.setdefault(target.id, kind)
                elif target.id in self.scope.kinds and not self.loops:
                    self.scope.kinds.pop(target.id)
            self._class_store(target, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            kind = self._value_kind(node.value)
            if isinstance(node.target, ast.Name) and kind:
                self.scope.kinds.setdefault(node.target.id, kind)
            self._note_fresh(node.target, node.value)
            self._note_cached(node.target, node.value)
            self._class_store(node.target, node.value)
            self._module_store(node.target, node.value)
            self._declared_values(node)
        self.generic_visit(node)

    def _declared_values(self, node: ast.AnnAssign) -> None:
        """`self._zone_bins: dict[str, list[int]] = {}`: a dict attribute declared to hold mutable
        values, so whatever is stored in it (an awaited query result, say) is a list, dict or set."""
        attr = _self_attr(node.target) if self.classes else ""
        shape = _declared_value_shape(node.annotation) if attr else ""
        if shape:
            self.classes[-1]["valued"][attr] = shape

    def _note_deep_copies(self, node: ast.Assign) -> None:
        """`rows = await fetch(...)`, then `name = copy.deepcopy(x)` outside a loop (one per pass is
        deepcopy-in-loop): of a result an awaited call just built for this caller (`rows`, or
        `await fetch(...)` itself) or of a parameter; or of a whole collection somebody else holds
        (`snapshot = copy.deepcopy(self._days)`)."""
        if len(node.targets) != 1 or type(node.targets[0]) is not ast.Name:
            return
        name, value = node.targets[0].id, node.value
        if _fresh_await(value) or _built_from_await(value):
            self.scope.awaited.add(name)
            return
        self.scope.awaited.discard(name)
        arg = _deepcopy_arg(value)
        if arg is None or self.loops:
            return
        if _fresh_await(arg):
            self.scope.deep_awaited.append((value, name, ""))
        elif type(arg) is ast.Name and (arg.id in self.scope.awaited or arg.id in self.scope.params):
            self.scope.deep_awaited.append((value, name, arg.id))
        if not (_is_fresh(arg) or type(arg) is ast.Await or type(arg) is ast.Name and arg.id in self.scope.fresh):
            self.scope.snapshots.append((value, name))

    def _copy_then_filter(self, func: ast.AST, call: ast.Call, name: str) -> None:
        """Report the copy when all the function does with it is keep some of its items."""
        kept = filtered_only(func, name)
        if kept is not None:
            self.add("copy-then-filter", call, copy=name, copied=unparse(call.args[0])[:60],
                     filter_line=kept.lineno, filter_end=getattr(kept, "end_lineno", None) or kept.lineno,
                     instead=copy_kept(kept, call.args[0], name))

    def _note_fresh(self, target: ast.expr, value: ast.expr) -> None:
        """A local holding a list this function just built from new items (nobody else holds them)."""
        if isinstance(target, ast.Name):
            if _is_fresh(value) or self._built_items(value) or _empty_list(value):
                self.scope.fresh.add(target.id)
            else:
                self.scope.fresh.discard(target.id)
            # a container built here, or returned new by a function of this file (`await self._load(...)`)
            shape = _shape(value) if _mutable(value) else self.builders.get(self._local_target(value), "")
            if shape:
                self.scope.built[target.id] = shape
            else:
                self.scope.built.pop(target.id, None)

    def _result_kind(self, value: ast.expr) -> str:
        """"list" for the result of a function of this file that builds a list from data."""
        return "list" if self._local_target(value) in self.list_results else ""

    @staticmethod
    def _value_kind(value: ast.expr) -> str:
        if isinstance(value, (ast.List, ast.ListComp)):
            return "list"
        if isinstance(value, ast.Call) and _call_name(value) in _LIST_CALLS and isinstance(value.func, ast.Name):
            return "list"
        call = value.value if type(value) is ast.Await else value
        if type(call) is ast.Call and type(call.func) is ast.Attribute and call.func.attr in _REDIS_LIST_REPLIES:
            return "list"  # `await redis.lrange(key, 0, -1)` returns a Python list
        if _str_value(value):
            return "str"
        return "bytes" if type(value) is ast.Constant and type(value.value) is bytes else ""

    def _class_store(self, target: ast.expr, value: ast.expr) -> None:
        """`self.X = {}` and `self.X[k] = value` inside a class: the cache candidates."""
        if not self.classes:
            return
        info = self.classes[-1]
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
            self._snapshot_store(info, target.attr, value)
            if isinstance(value, ast.Dict) or (isinstance(value, ast.Call) and _call_name(value) in _DICT_CACHES):
                info["attrs"].setdefault(target.attr, value.lineno)
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute) and \
                isinstance(target.value.value, ast.Name) and target.value.value.id == "self":
            # `self._cache[k] = rows` where `rows = [...]` was built in this method counts as a list
            mutable = _mutable(value) or type(value) is ast.Name and (
                self.scope.kinds.get(value.id) == "list" or value.id in self.scope.built)
            info["stores"].setdefault(target.value.attr, []).append((value, target.lineno, mutable))
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

    def _module_store(self, target: ast.expr, value: ast.expr) -> None:
        """`NAME = {}` at module level, and `NAME[key] = value` in a function: a module cache."""
        if len(self.scopes) == 1 and not self.classes:
            if isinstance(target, ast.Name) and (_is_dict(value) or type(value) is ast.Call
                                                 and _call_name(value) in _DICT_CACHES):
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
                if (_reads_name(node, name) or alias) and (function in fillers or _is_cache_name(name)):
                    self.found.append(Smell("cache-returned", node.lineno, node.end_lineno or node.lineno, function,
                                            {"attr": name, "class": "", "store_line": mutable[0][0],
                                             "module": True, "key": _key_text(node),
                                             "alias": node.value.id if alias else ""}))

    def visit_If(self, node: ast.If) -> None:
        self.ifs += 1
        self.generic_visit(node)
        self.ifs -= 1

    def _cache_returns(self, info: dict[str, Any]) -> None:
        """A method returning a cached mutable value itself (`return self._cache[key]`, or the
        whole snapshot it reloads, `return self._tree`)."""
        for node, function in info["returns"]:
            attr = _self_attr(node.value)
            reload_line = info["reloads"].get(attr, {}).get(function) if attr else None
            if reload_line and attr in info["inits"]:
                self.found.append(Smell("cache-returned", node.lineno, node.end_lineno or node.lineno, function,
                                        {"attr": attr, "class": info["name"], "store_line": reload_line,
                                         "whole": True}))
        self._tuple_returns(info)
        for attr, stores in info["stores"].items():
            declared = info["valued"].get(attr, "")
            if declared:
                stores = [(value, line, True) for value, line, _ in stores]
            if attr not in info["attrs"] or not any(mutable for _, _, mutable in stores) \
                    or _state_store(attr, stores, info["appended"]):
                continue
            reported: set[str] = set()  # one finding per method: its first return of the cached object
            for node, function in info["returns"]:
                alias = type(node.value) is ast.Name and info["aliases"].get((function, node.value.id)) == attr
                if (_reads_attr(node, attr) or alias) and function not in reported:
                    reported.add(function)
                    value, line = next((v, n) for v, n, mutable in stores if mutable)
                    shape = info["shapes"].get(line) or declared or _shape(value)
                    self.found.append(Smell("cache-returned", node.lineno, node.end_lineno or node.lineno, function,
                                            {"attr": attr, "class": info["name"], "store_line": line,
                                             "alias": node.value.id if alias else "", "shape": shape,
                                             "key": _key_text(node)}))

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and self.classes:
            self.classes[-1]["returns"].append((node, self.scope.name))
        if node.value is not None and self.module_dicts and len(self.scopes) > 1:
            self.returns.append((node, self.scope.name))
        if node.value is not None and self.scope.cached:
            self.scope.returned.update(_names(node.value) & self.scope.cached.keys())
        if node.value is not None and self.scope.parts:
            self.scope.got_returned.update(self.scope.parts[n] for n in _names(node.value) & self.scope.parts.keys())
        self.generic_visit(node)

    # ----- loops -------------------------------------------------------------------------
    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.iter)
        if self.scope.parts:
            self._part_of_got(node)
        self._copy_for_iteration(node)
        outer = self.loops[-1] if self.loops else None
        data, table = self._extent(node.iter)
        loop = _Loop(node, node.lineno, data, frozenset(_names(node.target)), node.body, table)
        if outer is not None and outer.data and loop.data and isinstance(outer.node, (ast.For, ast.AsyncFor)) \
                and node in outer.node.body:
            self._nested_join(outer, loop)
        self.loops.append(loop)
        for stmt in node.body:
            self.visit(stmt)
        self.loops.pop()
        for stmt in node.orelse:
            self.visit(stmt)

    visit_AsyncFor = visit_For

    def visit_While(self, node: ast.While) -> None:
        self.visit(node.test)
        self.loops.append(_Loop(node, node.lineno, True, frozenset(), node.body))
        for stmt in node.body:
            self.visit(stmt)
        self.loops.pop()
        for stmt in node.orelse:
            self.visit(stmt)

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> None:
        first = node.generators[0]
        self.visit(first.iter)
        targets = frozenset().union(*(_names(g.target) for g in node.generators))
        if self.loops and self.loops[-1].data and _is_data_iter(first.iter):
            self._search_join(self.loops[-1], node, targets)
        data, table = self._extent(first.iter)
        self.loops.append(_Loop(node, node.lineno, data, targets, table=table))
        for gen in node.generators[1:]:
            self.visit(gen.iter)
        for gen in node.generators:
            for cond in gen.ifs:
                self.visit(cond)
        if isinstance(node, ast.DictComp):
            self.visit(node.key)
            self.visit(node.value)
        else:
            self.visit(node.elt)
        self.loops.pop()

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def _nested_join(self, outer: _Loop, inner: _Loop) -> None:
        """`for a in A: for b in B: if a.k == b.k:` -> an O(len(A) * len(B)) join."""
        node = inner.node
        for stmt in node.body:
            if not isinstance(stmt, ast.If):
                continue
            # the test itself, or one of the conditions `and`-ed in it (a join on a composite key)
            tests = stmt.test.values if isinstance(stmt.test, ast.BoolOp) and isinstance(stmt.test.op, ast.And) \
                else [stmt.test]
            if any(_joins(test, outer.targets, inner.targets) for test in tests):
                self.add("nested-join", node, outer_line=outer.line, test_line=stmt.lineno,
                         outer=ast.unparse(outer.node.iter)[:60], inner=ast.unparse(node.iter)[:60])
                return

    def _search_join(self, outer: _Loop, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp,
                     targets: frozenset[str]) -> None:
        """`for p in payouts: next(r for r in restaurants if r["id"] == p["restaurant_id"])`: a linear
        search of another collection for each item, the nested-loop join written as a comprehension.
        Not when the searched collection comes from the item or is rebuilt on each pass."""
        source = node.generators[0].iter
        if _names(source) & (outer.targets | outer.rebound):
            return
        outer_iter = outer.node.generators[0].iter if hasattr(outer.node, "generators") else \
            getattr(outer.node, "iter", None)
        if any(type(side) is ast.Name and side.id[:1].isupper() for side in (source, outer_iter)):
            return  # the members of an enum or a constant: a handful of items, not data
        if type(source) is ast.Attribute and type(source.value) is ast.Name and source.value.id not in ("self", "cls"):
            return  # `trade.orders`: the children of one object, a few items
        tests = [cond for gen in node.generators for cond in gen.ifs]
        if type(node) is ast.GeneratorExp:
            tests.append(node.elt)  # `any(r.id == p.rid for r in rows)`
        # the item's own values: the loop variables and what the body computes from them on each pass
        # (`ids = {m.id for m in account.meters}`, then `[r for r in rows if r.meter_id in ids]`)
        mine = outer.targets | (outer.rebound - targets)
        test = next((t for t in _conjuncts(tests) if _matches_item(t, mine, targets)), None)
        if test is not None:
            self.add("nested-join", node, outer_line=outer.line, test_line=test.lineno,
                     outer=unparse(outer_iter)[:60] if outer_iter is not None else "items",
                     inner=unparse(source)[:60], search=True)

    def _copy_for_iteration(self, node: ast.For | ast.AsyncFor) -> None:
        """`for k in list(d.keys())` when the body never changes `d`: the copy is not needed."""
        it = node.iter
        if type(it) is ast.Call and _call_name(it) == "deepcopy" and len(it.args) == 1:
            self._deepcopy_for_iteration(node, it)
            return
        if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id in ("list", "tuple")
                and len(it.args) == 1):
            return
        inner = it.args[0]
        base = inner.func.value if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and \
            inner.func.attr in ("keys", "items", "values") else inner
        if not isinstance(base, (ast.Name, ast.Attribute)):
            return
        text = ast.unparse(base)
        for stmt in node.body:
            for sub in ast.walk(stmt):
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and \
                        ast.unparse(sub.func.value) == text and sub.func.attr in _DICT_MUTATORS | {
                        "append", "remove", "extend", "insert", "add", "discard"}:
                    return
                if isinstance(sub, (ast.Subscript,)) and isinstance(sub.ctx, (ast.Store, ast.Del)) and \
                        ast.unparse(sub.value) == text:
                    return
                if isinstance(sub, (ast.Yield, ast.YieldFrom, ast.Await)):
                    return  # the loop can be suspended: another task may change the collection
        if _removes_item(node):
            return
        # `self._expire(key)` in the body may change `self._pending` in a method this file rule
        # cannot follow: the finding holds unless the model shows it does (`model.exits`)
        calls = sorted({sub.lineno for stmt in node.body for sub in ast.walk(stmt) if type(sub) is ast.Call
                        and type(sub.func) is ast.Attribute and type(sub.func.value) is ast.Name
                        and sub.func.value.id == "self"}) if text.startswith("self.") else []
        self.add("copy-for-iteration", it, collection=text, copy=ast.unparse(it)[:80], self_calls=calls)

    def _held_here(self, copied: ast.expr) -> bool:
        """A local bound to what an awaited call just returned, or to a list built here: no other
        task holds it, so a suspension cannot change it."""
        return type(copied) is ast.Name and (copied.id in self.scope.awaited or copied.id in self.scope.fresh)

    def _deepcopy_for_iteration(self, node: ast.For | ast.AsyncFor, it: ast.Call) -> None:
        """`for seat in copy.deepcopy(layout["seats"])` when the body only reads each item and cannot
        be suspended: the deep copy rebuilds every item for nothing (not even a shallow copy is needed
        unless the body changes the collection)."""
        targets = _names(node.target)
        if not targets or not self._held_here(it.args[0]) and any(
                type(sub) in (ast.Await, ast.Yield, ast.YieldFrom) for sub in descendants(node.body)):
            return
        copied = unparse(it.args[0])
        for sub in descendants(node.body):  # the body changes the collection: it needs its own (shallow) copy
            if type(sub) is ast.Call and type(sub.func) is ast.Attribute and unparse(sub.func.value) == copied \
                    and sub.func.attr in _DICT_MUTATORS | {"append", "remove", "extend", "insert", "add", "discard"}:
                return
            if type(sub) is ast.Subscript and type(sub.ctx) is not ast.Load and unparse(sub.value) == copied:
                return
        if all(only_read(node, name) for name in targets):
            self.add("copy-for-iteration", it, collection=copied, copy=unparse(it)[:80], deep=True)

    # ----- expressions -------------------------------------------------------------------
    def visit_Compare(self, node: ast.Compare) -> None:
        loop = self.data_loop()
        if loop is not None:
            for op, right in zip(node.ops, node.comparators):
                if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, ast.Name) and \
                        self.scope.kinds.get(right.id) == "list" and right.id not in loop.targets and \
                        right.id not in loop.rebound and type(node.left) is not ast.Constant and \
                        not (right.id in self.scope.fixed and not _grown_in(loop.node, right.id)):
                    # `"test" in splits` asks the same question on every pass: not per item;
                    # `exts = [".py", ".md"]` is as short as the code that wrote it
                    self.add("list-membership", node, name=right.id, loop_line=loop.line)
                elif isinstance(op, (ast.In, ast.NotIn)) and _rebuilt_from_data(right, self.loops):
                    self.add("list-membership", node, name=ast.unparse(right)[:60], loop_line=loop.line,
                             rebuilt=True)
                elif isinstance(op, (ast.In, ast.NotIn)) and type(node.left) is not ast.Constant and \
                        _grown_by_append(loop, right):
                    self.add("list-membership", node, name=ast.unparse(right)[:60], loop_line=loop.line)
        self.generic_visit(node)

    def _concat_copy(self, node: ast.Assign) -> None:
        """`batch = batch + [point]` / `body = body + chunk` in a loop over data, on a list or bytes
        this function started: each pass copies everything gathered so far into a new object."""
        loop, value = self.data_loop(), node.value
        if loop is None or len(node.targets) != 1 or type(node.targets[0]) is not ast.Name \
                or not (type(value) is ast.BinOp and type(value.op) is ast.Add and type(value.left) is ast.Name):
            return
        name = node.targets[0].id
        kind = self.scope.kinds.get(name)
        if value.left.id == name and kind in ("list", "bytes") and not (
                type(loop.node) is ast.For and _repeat_loop(loop.node)):
            self.add("concat-copy", node, name=name, shape=kind, loop_line=loop.line, added=unparse(value.right)[:60])

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if type(node.target) is ast.Name and not _is_fresh(node.value):
            self.scope.fresh.discard(node.target.id)  # `rows += other`: items somebody else holds
        loop = self.data_loop()
        if loop is not None and isinstance(node.op, ast.Add) and isinstance(node.target, ast.Name) and \
                self.scope.kinds.get(node.target.id) == "str" and isinstance(loop.node, (ast.For, ast.AsyncFor)) \
                and not _reset_in(loop.body, node.target.id) and not _repeat_loop(loop.node):
            self.add("str-concat", node, name=node.target.id, loop_line=loop.line,
                     streamed=type(loop.node) is ast.AsyncFor)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        value = node.value
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "sorted" and \
                isinstance(node.slice, (ast.Constant, ast.UnaryOp)) and value.args:
            index = node.slice.value if isinstance(node.slice, ast.Constant) else None
            if isinstance(node.slice, ast.UnaryOp) and isinstance(node.slice.operand, ast.Constant):
                index = -node.slice.operand.value
            if index in (0, -1):
                reverse = any(k.arg == "reverse" for k in value.keywords)
                self.add("sorted-first", node, pick="max" if (index == -1) != reverse else "min",
                         arg=ast.unparse(value.args[0])[:60],
                         key=next((ast.unparse(k.value) for k in value.keywords if k.arg == "key"), ""))
        if type(node.ctx) is ast.Load and type(node.slice) is not ast.Slice:
            self._copy_then_read(node, value, "[...]")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        if self.classes and (grown := _grown_entry(node)):
            self.classes[-1]["appended"].add(grown)
        loop = self.data_loop()
        if loop is not None:
            self._call_in_loop(node, name, loop)
        self._double_copy(node, name)
        self._copy_then_copy(node, name)
        self._note_growth(node)
        if name == "deepcopy":
            self._note_deepcopy(node)
        if name == "sorted" and type(node.func) is ast.Name and len(self.scopes) > 1:
            self._note_param_sort(node)
        if type(node.func) is ast.Attribute and node.func.attr == "get":
            self._copy_then_read(node, node.func.value, ".get(...)")
        elif type(node.func) is ast.Name and node.func.id == "len" and len(node.args) == 1:
            self._copy_then_read(node, node.args[0], "len(...)")
        if type(node.func) is ast.Attribute and self.scope.cached:
            self._cached_call(node, node.func)
        self._module_put(node)
        if type(node.func) is ast.Attribute and type(node.func.value) is ast.Name and node.func.attr in \
                MUTATORS and node.func.value.id in self.scope.parts:
            self.scope.got_changed.append((node, self.scope.parts[node.func.value.id], f"{unparse(node.func)}()"))
        self.generic_visit(node)

    # ----- values read from a cache and changed in place ----------------------------------
    def _note_cached(self, target: ast.expr, value: ast.expr) -> None:
        """`x = cache.get(k)` / `x = cache[k]` (not awaited: a remote cache returns a fresh copy)
        starts tracking `x`; any other binding of `x` ends it. `cache[k] = x` writes it back."""
        scope = self.scope
        self._note_got(target, value)
        if type(target) is ast.Name:
            source = _lookup_owner(value)
            text = unparse(source) if source is not None and type(source) in (ast.Name, ast.Attribute) else ""
            if text and _is_cache_name(text):
                scope.cached[target.id] = (text, value.lineno)
            else:
                scope.cached.pop(target.id, None)
        elif type(target) is ast.Subscript and type(target.value) is ast.Name and target.value.id in scope.cached:
            self._mutation(target, target.value.id, f"{target.value.id}[...] = ...")
        elif type(target) is ast.Subscript and type(value) is ast.Name and value.id in scope.cached \
                and unparse(target.value) == scope.cached[value.id][0]:
            scope.written_back.add(value.id)

    def _note_got(self, target: ast.expr, value: ast.expr) -> None:
        """`menu = await self.menu(id)`: a local holding what a function of this file returned; a
        store into it or into a part of it (`section["items"] = ...`) is a change of that object."""
        scope = self.scope
        if type(target) is ast.Name:
            found = found_in(value)
            value = found if found is not None else value
            callee = self._callee(value)
            whole = scope.parts.get(value.id) if type(value) is ast.Name else None
            scope.parts.pop(target.id, None)
            if callee:
                scope.got[target.id] = (callee, value.lineno)
                scope.parts[target.id] = target.id
            else:
                scope.got.pop(target.id, None)
                if found is not None and whole:  # `plan = next(p for p in plans if ...)`: a part of `plans`
                    scope.parts[target.id] = whole
        elif type(target) is ast.Subscript and type(target.value) is ast.Name and target.value.id in scope.parts:
            scope.got_changed.append((target, scope.parts[target.value.id], f"{unparse(target)[:40]} = ..."))

    def _callee(self, value: ast.expr) -> str:
        """The function of this file a call (awaited or not) made inside a function goes to."""
        return self._local_target(value) if len(self.scopes) >= 2 else ""

    def _built_items(self, value: ast.expr) -> bool:
        """`[_row_dict(r) for r in rows]`: every item is a new container a function of this file builds."""
        return isinstance(value, (ast.ListComp, ast.SetComp)) and type(value.elt) is ast.Call \
            and self._local_target(value.elt) in self.builders

    def _local_target(self, value: ast.expr) -> str:
        """The function of this file a call (awaited or not) goes to: `self.m(...)` or `m(...)`."""
        call = value.value if type(value) is ast.Await else value
        if type(call) is not ast.Call:
            return ""
        func = call.func
        if type(func) is ast.Attribute and type(func.value) is ast.Name and func.value.id == "self" and self.classes:
            return f"{self.classes[-1]['name']}.{func.attr}"
        return func.id if type(func) is ast.Name else ""

    def _part_of_got(self, node: ast.For | ast.AsyncFor) -> None:
        """`for section in menu["sections"]` / `for seat in layout["seats"]`: the items are parts of `menu`."""
        base = iterated_container(node.iter)
        if type(base) is ast.Name and base.id in self.scope.parts:
            for name in _names(node.target):
                self.scope.parts[name] = self.scope.parts[base.id]

    def _cached_call(self, node: ast.Call, func: ast.Attribute) -> None:
        scope = self.scope
        if type(func.value) is ast.Name and func.value.id in scope.cached and func.attr in MUTATORS:
            self._mutation(node, func.value.id, f"{func.value.id}.{func.attr}()")
        elif func.attr in ("set", "put", "__setitem__", "setdefault"):
            owner = unparse(func.value)
            scope.written_back.update(a.id for a in node.args if type(a) is ast.Name and a.id in scope.cached
                                      and scope.cached[a.id][0] == owner)

    def _mutation(self, node: ast.AST, name: str, how: str) -> None:
        cache, line = self.scope.cached[name]
        self.scope.mutated.append((node, name, cache, line, how))

    def _cache_mutations(self, scope: _Scope) -> None:
        """One smell per cache-read local changed in place and handed out as this call's result
        (a registry appending to its entries, or a read-modify-write storing back, is on purpose)."""
        seen: set[str] = set()
        for node, name, cache, line, how in scope.mutated:
            if name in scope.returned and name not in scope.written_back and name not in seen:
                seen.add(name)
                self.add("cache-mutated", node, name=name, cache=cache, read_line=line, how=how)

    def _call_in_loop(self, node: ast.Call, name: str, loop: _Loop) -> None:
        """pop(0)/insert(0), list.index/count, sort/sorted and deepcopy on every pass of a loop."""
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            self._list_method_in_loop(node, name, func.value.id, loop)
        elif isinstance(func, ast.Attribute) and _self_attr(func.value) in self.scope.self_lists:
            self._self_list_front(node, name, _self_attr(func.value), loop)
        if name == "sorted" and isinstance(func, ast.Name) and node.args and \
                (isinstance(node.args[0], (ast.Name, ast.Attribute)) or _mapping_view(node.args[0])):
            self._sorted_in_loop(node, loop)
        if node.args and loop.node is not None and type(loop.node) in (ast.For, ast.AsyncFor, ast.While):
            self._note_steady_args(node, loop)
        # `deepcopy(value, memo)`: a `__deepcopy__` copying its members, the deep copy itself, not one per item
        if name == "deepcopy" and len(node.args) < 2 and "memo" not in {k.arg for k in node.keywords} \
                and not _copies_item(node, loop) and not _snapshots_changing(node, loop):
            self.add("deepcopy-in-loop", node, loop_line=loop.line)

    def _self_list_front(self, node: ast.Call, name: str, attr: str, loop: _Loop) -> None:
        """`self.queue.pop(0)` / `.insert(0, x)` on an attribute that is always a list."""
        if name in ("pop", "insert") and node.args and _is_zero(node.args[0]) and not loop.runs_once(node):
            self.add("pop-front", node, name=f"self.{attr}", method=name, loop_line=loop.line)

    def _sorted_in_loop(self, node: ast.Call, loop: _Loop) -> None:
        """`sorted(x)` of something the loop does not change, on every pass."""
        used = _names(node.args[0])
        if not used & (loop.assigned | loop.targets) and not self._inside_loop_only(used) \
                and not loop.runs_once(node) and not _shared_while_waiting(node.args[0], loop):
            self.add("sort-in-loop", node, name=ast.unparse(node.args[0])[:60], loop_line=loop.line)

    def _list_method_in_loop(self, node: ast.Call, name: str, owner: str, loop: _Loop) -> None:
        at_front = name in ("pop", "insert") and bool(node.args) and _is_zero(node.args[0])
        is_list = _is_list(self.scope.kinds, name, owner, at_front, loop)
        if is_list and at_front:
            if not loop.runs_once(node):
                self.add("pop-front", node, name=owner, method=name, loop_line=loop.line)
        elif is_list and name in ("index", "count") and owner not in loop.targets and node.args:
            self.add("list-membership", node, name=owner, loop_line=loop.line, method=name)
        elif name in ("index", "count") and owner not in loop.targets and _seeks_own_item(node, owner, loop):
            self.add("list-membership", node, name=owner, loop_line=loop.line, method=name, own=True)
        elif name == "sort" and _steady_local(self.scope.kinds, owner, loop) and not loop.runs_once(node):
            self.add("sort-in-loop", node, name=owner, loop_line=loop.line)
        elif name == "sort" and self.scope.kinds.get(owner) == "list" and _picks_one_end(loop.node, owner):
            self.add("sort-in-loop", node, name=owner, loop_line=loop.line, pick=True)
        elif name == "sort" and self.scope.kinds.get(owner) == "list" and _only_grown(loop.node, owner) \
                and not loop.runs_once(node):
            self.add("sort-in-loop", node, name=owner, loop_line=loop.line, grown=True)
        elif name == "sort" and (bucket := _grown_bucket(loop.node, owner)) and not loop.runs_once(node):
            self.add("sort-in-loop", node, name=owner, loop_line=loop.line, grown=True, bucket=bucket)

    def _double_copy(self, node: ast.Call, name: str) -> None:
        """`list(sorted(x))`, `sorted(list(x))`, `list([... for ...])`: a copy of a fresh list."""
        if not (isinstance(node.func, ast.Name) and name in _COPY_CALLS and len(node.args) == 1
                and (not node.keywords or name == "sorted")):  # `key=`/`reverse=` still build a new list
            return
        inner = node.args[0]
        inner_name = _call_name(inner) if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) else ""
        if name in ("list", "sorted") and (inner_name in ("sorted", "list") or isinstance(inner, ast.ListComp)):
            self.add("double-copy", node, outer=name, inner=inner_name or "a list comprehension")

    def _copy_then_copy(self, node: ast.Call, name: str) -> None:
        """`sorted(copy.deepcopy(lines), key=...)`, `list(rows.copy())`: the outer call builds a new
        list anyway. A shallow inner copy adds nothing; a deep one only protects items somebody
        else holds, so it counts when the copied local was built in this function."""
        if not (isinstance(node.func, ast.Name) and name in ("list", "sorted", "tuple") and len(node.args) == 1):
            return
        inner = node.args[0]
        copied = _copy_source(inner)
        if copied is None:
            return
        deep = inner.func.attr == "deepcopy"
        if deep and not (isinstance(copied, ast.Name) and copied.id in self.scope.fresh):
            return
        self.scope.wrapped.add(id(inner))
        self.add("double-copy", node, outer=name, inner=ast.unparse(inner.func), deep=deep,
                 copied=ast.unparse(copied)[:60])

    def _note_deepcopy(self, node: ast.Call) -> None:
        """`copy.deepcopy(rows)` of a local built here from new items, outside a loop (one
        per pass is deepcopy-in-loop) and not already reported inside list()/sorted()."""
        arg = _deepcopy_arg(node)
        if arg is None or self.loops or id(node) in self.scope.wrapped:
            return
        if type(arg) is ast.Name and arg.id in self.scope.fresh:
            self.scope.deep_fresh.append((node, arg.id))
        elif _is_fresh(arg):  # `copy.deepcopy([dict(r) for r in rows])`: a temporary
            self.add("copy-of-fresh", node, copied=unparse(arg)[:60], inline=True)

    def _note_growth(self, node: ast.Call) -> None:
        """`entries.append({...})` keeps a fresh list fresh when the item is built on the spot;
        appending anything else (`entries.append(row)`) adds an item somebody else holds."""
        func = node.func
        if type(func) is not ast.Attribute or type(func.value) is not ast.Name or func.attr not in _GROWERS \
                or func.value.id not in self.scope.fresh:
            return
        item = node.args[1] if func.attr == "insert" and len(node.args) > 1 else node.args[0] if node.args else None
        built = _is_fresh(item) if func.attr == "extend" else _new_item(item)
        if item is None or not built:
            self.scope.fresh.discard(func.value.id)

    def _deepcopy_of_fresh(self, func: ast.AST, scope: _Scope) -> None:
        """Report the deep copies whose original is read nowhere else in the function (but to
        grow it before the copy): the copy then protects nothing, as nobody else holds the
        original or its items."""
        loads = _load_counts(func, {name for _, name in scope.deep_fresh})
        for call, name in scope.deep_fresh:
            if loads.get(name, 0) - _grown_before(func, name, call.lineno) == 1:
                self.add("copy-of-fresh", call, copied=name)  # `scope` is still the innermost scope here

    def _copy_then_read(self, node: ast.expr, inner: ast.expr, read: str, at: ast.expr | None = None,
                        copy: str = "") -> None:
        """`copy.deepcopy(self._latest).get(key)`, `x.copy()[key]`, `len(copy.copy(x))`: a copy of
        a whole container made to read one entry (or its size), then dropped; or bound to a local
        whose one read is that entry (`at` is then the copy, where the finding goes), or whose
        every read is its size (`copy` names that local)."""
        copied = _copy_source(inner)
        if copied is None:
            return
        key = node.slice if type(node) is ast.Subscript else node.args[0] if type(node) is ast.Call and \
            type(node.func) is ast.Attribute and node.args else None
        self.add("copy-then-read", at or node, inner=unparse(inner.func), copied=unparse(copied)[:60], read=read,
                 key=unparse(key)[:40] if key is not None else "key",
                 deep=inner.func.attr == "deepcopy", copy=copy)

    def _inside_loop_only(self, used: set[str]) -> bool:
        """Names first bound inside an enclosing loop change per iteration."""
        return any(used & loop.assigned for loop in self.loops)


def _note_fixed(fixed: set[str], name: str, value: ast.expr) -> None:
    """Track locals bound to a written-out list of constants or named values (`[".py"]`,
    `[Kind.SEARCH, Kind.READ]`), whose size the code fixes; `opts = [opts]` wraps a value, not fixed."""
    if type(value) is ast.List and value.elts and all(type(e) in (ast.Constant, ast.Name, ast.Attribute)
                                                      for e in value.elts) and name not in _names(value):
        fixed.add(name)
    else:
        fixed.discard(name)


def _grown_in(loop: ast.AST, name: str) -> bool:
    """The loop appends to, extends, inserts into or `+=`s the list `name`."""
    for node in ast.walk(loop):
        if type(node) is ast.Attribute and node.attr in ("append", "extend", "insert") \
                and type(node.value) is ast.Name and node.value.id == name:
            return True
        if type(node) is ast.AugAssign and type(node.target) is ast.Name and node.target.id == name:
            return True
    return False


def _is_list(kinds: dict[str, str], name: str, owner: str, at_front: bool, loop: _Loop) -> bool:
    """`owner` is a list: bound to one, or drained from the front by `while pending: pending.pop(0)`
    (a dict would never empty this way and `deque.pop()` takes no index)."""
    return kinds.get(owner) == "list" or name == "pop" and at_front and _drains(loop.node, owner)


def _steady_local(kinds: dict[str, str], owner: str, loop: _Loop) -> bool:
    """`owner` is a local of known kind that the loop neither iterates with nor rebinds."""
    return owner not in loop.assigned and owner not in loop.targets and owner in kinds


_END_METHODS = frozenset({"sort", "pop", "remove", "append"})
_GROW_METHODS = frozenset({"sort", "append", "extend"})
_SAME_ITEMS = frozenset({"set", "frozenset", "sorted", "list", "reversed", "tuple"})


def _seeks_own_item(node: ast.Call, owner: str, loop: _Loop) -> bool:
    """`for w in set(words): words.count(w)`: the loop looks up each of `owner`'s own items in
    `owner`; `.count`/`.index` scan a list, tuple or str alike, so n lookups cost n x n."""
    generators = getattr(loop.node, "generators", None)
    source = generators[0].iter if generators else getattr(loop.node, "iter", None)
    while type(source) is ast.Call and type(source.func) is ast.Name and source.func.id in _SAME_ITEMS \
            and len(source.args) == 1:
        source = source.args[0]
    return type(source) is ast.Name and source.id == owner and len(node.args) == 1 \
        and type(node.args[0]) is ast.Name and node.args[0].id in loop.targets


def _bucket_binding(loop: ast.AST, owner: str) -> ast.Name | None:
    """The one binding of `owner` in the loop, when it takes a dict's list for this pass's key
    (`lane = lanes.setdefault(key, [])`): the list outlives the pass, so it grows over the loop."""
    found = [node for node in ast.walk(loop) if type(node) is ast.Name and node.id == owner
             and type(node.ctx) is ast.Store]
    if len(found) != 1:
        return None
    parent = parents_of(loop).get(id(found[0]))
    value = parent.value if type(parent) is ast.Assign and parent.targets == [found[0]] else None
    if type(value) is ast.Call and type(value.func) is ast.Attribute and value.func.attr == "setdefault" \
            and len(value.args) == 2 and type(value.args[1]) is ast.List and not value.args[1].elts:
        return found[0]
    return None


def _grown_bucket(loop: ast.AST, owner: str) -> str:
    """The dict (`lanes`) whose list for this pass's key `owner` is, when the loop appends to it and
    re-sorts it and reads it nowhere else; "" otherwise."""
    bucket = _bucket_binding(loop, owner)
    if bucket is None or not _only_grown(loop, owner, bucket):
        return ""
    return unparse(parents_of(loop)[id(bucket)].value.func.value)[:60]


def _only_grown(loop: ast.AST, owner: str, bucket: ast.Name | None = None) -> bool:
    """Each pass appends to `owner` and re-sorts it, and nothing in the loop reads it: the
    order is only seen after the loop, so one sort there does the work of all of them. (A loop
    that only sorts, once per key in reverse priority, is the stable multi-key sort idiom.) With
    `bucket`, the binding of `owner` to a dict's list for the pass (see `_bucket_binding`) is the
    one other use allowed: each list is re-sorted after each item it gets."""
    parents = parents_of(loop)
    methods = set()
    for node in ast.walk(loop):
        if node is bucket:
            continue
        if type(node) is ast.Name and node.id == owner:
            parent = parents.get(id(node))
            if not (type(parent) is ast.Attribute and parent.attr in _GROW_METHODS):
                return False
            methods.add(parent.attr)
    return bool(methods - {"sort"})


def _picks_one_end(loop: ast.AST, owner: str) -> bool:
    """Each pass re-sorts `owner` only to take its first or last item (`owner[0]`, `owner.pop()`):
    every read of `owner` in the loop is that, the sort, an append/remove, `len()` or a test."""
    parents = parents_of(loop)
    ends = 0
    for node in ast.walk(loop):
        if type(node) is not ast.Name or node.id != owner:
            continue
        parent = parents.get(id(node))
        if type(parent) is ast.Subscript and parent.value is node and _end_index(parent.slice):
            ends += 1
        elif type(parent) is ast.Attribute and parent.attr in _END_METHODS:
            call = parents.get(id(parent))
            if parent.attr == "pop" and type(call) is ast.Call and (not call.args or _end_index(call.args[0])):
                ends += 1
        elif not (type(parent) is ast.Call and type(parent.func) is ast.Name and parent.func.id == "len"
                  or parent is loop or type(parent) in (ast.BoolOp, ast.UnaryOp, ast.Compare)):
            return False
    return ends > 0


def _end_index(node: ast.expr) -> bool:
    """`0` or `-1`."""
    return _is_zero(node) or type(node) is ast.UnaryOp and type(node.op) is ast.USub \
        and type(node.operand) is ast.Constant and node.operand.value == 1


def _drains(loop: ast.AST, owner: str) -> bool:
    """`while owner:` (or `while len(owner)`/`while owner and ...`): the loop runs until `owner` is empty."""
    if type(loop) is not ast.While:
        return False
    test = loop.test
    parts = test.values if type(test) is ast.BoolOp and type(test.op) is ast.And else [test]
    return any(type(p) is ast.Name and p.id == owner or type(p) is ast.Call and type(p.func) is ast.Name
               and p.func.id == "len" and len(p.args) == 1 and type(p.args[0]) is ast.Name and p.args[0].id == owner
               for p in parts)


def _deepcopy_arg(value: ast.expr) -> ast.expr | None:
    """`x` for `copy.deepcopy(x)` (or a bare `deepcopy(x)`); None for any other expression."""
    if type(value) is ast.Call and _call_name(value) == "deepcopy" and len(value.args) == 1 and not value.keywords:
        return value.args[0]
    return None


def _fresh_await(value: ast.expr) -> bool:
    """`await fetch(...)` of anything not named as a cache: a result built for this caller."""
    return type(value) is ast.Await and type(value.value) is ast.Call and "cache" not in unparse(value.value.func)


def _built_from_await(value: ast.expr) -> bool:
    """`{c.id: c for c in (await session.execute(...)).scalars()}`: a container of what an awaited
    call just returned for this caller, gathered here; nobody else holds it."""
    return isinstance(value, (ast.ListComp, ast.SetComp, ast.DictComp)) and any(
        _fresh_await(sub) for sub in descendants([value.generators[0].iter]))


def _copy_source(node: ast.expr) -> ast.expr | None:
    """`x` for `copy.copy(x)`, `copy.deepcopy(x)` or `x.copy()`; None for any other expression."""
    if not (type(node) is ast.Call and type(node.func) is ast.Attribute and not node.keywords):
        return None
    func = node.func
    if type(func.value) is ast.Name and func.value.id == "copy":
        return node.args[0] if func.attr in ("copy", "deepcopy") and len(node.args) == 1 else None
    return func.value if func.attr == "copy" and not node.args else None


def _copies_item(node: ast.Call, loop: _Loop) -> bool:
    """`[copy.deepcopy(d) for d in days if ...]`: each pass copies a different item, once; the
    whole costs what one copy of the kept items costs, nothing is copied twice."""
    return len(node.args) == 1 and type(node.args[0]) is ast.Name and node.args[0].id in loop.targets


def _snapshots_changing(node: ast.Call, loop: _Loop) -> bool:
    """`history.append(copy.deepcopy(window))` where the loop moves `window` on (`window.start = ...`,
    `window.append(...)`, `window[k] = ...`) between passes: each copy is a distinct snapshot the
    list needs, not a copy of the same value again."""
    if len(node.args) != 1 or type(node.args[0]) is not ast.Name:
        return False
    name = node.args[0].id
    if name in loop.assigned - loop.rebound:
        return True
    return any(type(sub) is ast.Attribute and type(sub.ctx) is ast.Store and type(sub.value) is ast.Name
               and sub.value.id == name for sub in descendants(loop.body))


def _load_counts(func: ast.AST, names: set[str]) -> dict[str, int]:
    """How often each of `names` is read in `func`."""
    loads: dict[str, int] = {}
    for sub in ast.walk(func):
        if type(sub) is ast.Name and sub.id in names and type(sub.ctx) is ast.Load:
            loads[sub.id] = loads.get(sub.id, 0) + 1
    return loads


def _lookup_owner(value: ast.expr) -> ast.expr | None:
    """`x` for `x[k]` or `x.get(...)`, the container an entry is read from; else None."""
    if type(value) is ast.Subscript:
        return value.value
    if type(value) is ast.Call and type(value.func) is ast.Attribute and value.func.attr == "get":
        return value.func.value
    return None


def _rebuilt_from_data(right: ast.expr, loops: list[_Loop]) -> bool:
    """`x in [r.id for r in rows]` in a loop: the same list of data built again on every pass. (Not
    one built from the loop's own item, `[t.name for t in client.tools]` per client: each pass scans
    another list once; but when an outer loop over data leaves that item's list unchanged,
    `for bet in bets: for c in campaigns: ... in [u.id for u in c.users]`, every list is rebuilt
    once per bet.)"""
    if not (isinstance(right, ast.ListComp) and _is_data_iter(right.generators[0].iter)):
        return False
    data = [loop for loop in loops if loop.data]
    deps, inner = _names(right.generators[0].iter), set()
    for depth, loop in enumerate(reversed(data)):
        varying = loop.targets if depth == 0 else (loop.targets | loop.rebound) - inner
        if not deps & varying:
            return True
        deps |= _names(_loop_iter(loop.node))
        inner |= loop.targets
    return False


def _loop_iter(node: ast.AST) -> ast.AST:
    """What a loop or comprehension iterates (the loop itself for a `while`)."""
    generators = getattr(node, "generators", None)
    return generators[0].iter if generators else getattr(node, "iter", node)


def _grown_by_append(loop: _Loop, right: ast.expr) -> bool:
    """`if key not in bucket["seen"]: bucket["seen"].append(key)` in a loop over data: a per-key list
    of an aggregation (a list or deque, it has `.append`) the loop grows, scanned on every pass. (Not
    one that depends on the loop's own item, a different list per pass; an attribute's ordered list
    of names, `self.pairs`, `rel.entities`, is typically short and kept in order on purpose.)"""
    if type(right) is not ast.Subscript or _names(right) & loop.targets:
        return False
    text = unparse(right)
    return any(type(sub) is ast.Call and type(sub.func) is ast.Attribute and sub.func.attr == "append"
               and unparse(sub.func.value) == text for sub in descendants(getattr(loop.node, "body", [])))


_WAITS = frozenset({"get", "sleep", "wait", "recv", "receive", "join"})


def _shared_while_waiting(value: ast.expr, loop: _Loop) -> bool:
    """`sorted(self._subscribers)` in a `while` loop that waits on each pass (`await`,
    `queue.get(timeout=...)`, `sleep`): while it waits, other tasks or threads run the object's
    other methods (`subscribe`) and change the attribute, so it is read anew on purpose."""
    if not isinstance(loop.node, ast.While) or not any(
            isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self"
            for n in descendants([value])):
        return False
    return any(isinstance(n, ast.Await) or isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr in _WAITS for n in descendants(loop.node.body))


def _self_attr(node: ast.expr | None) -> str:
    """`x` for the expression `self.x`, else ""."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return node.attr
    return ""


def _is_zero(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value == 0


_ITEM_MAKERS = frozenset({"dict", "list", "set", "tuple", "model_dump", "asdict", "_asdict", "to_dict"})


_GROWERS = frozenset({"append", "extend", "insert"})


def _empty_list(value: ast.expr) -> bool:
    """`[]` or `list()`: a list no one else holds, with no items yet."""
    return type(value) is ast.List and not value.elts or \
        type(value) is ast.Call and type(value.func) is ast.Name and value.func.id == "list" and not value.args


def _new_item(item: ast.expr | None) -> bool:
    """A container built on the spot (`{"kind": k, "at": at}`, `dict(row)`), as in `_is_fresh`."""
    return isinstance(item, (ast.Dict, ast.List, ast.Set, ast.Tuple, ast.DictComp, ast.ListComp)) or (
        isinstance(item, ast.Call) and _call_name(item) in _ITEM_MAKERS)


def _grown_before(func: ast.AST, name: str, line: int) -> int:
    """How many of `name`'s reads are `name.append(...)`-like calls before `line`."""
    return sum(1 for sub in ast.walk(func) if type(sub) is ast.Call and type(sub.func) is ast.Attribute
               and sub.func.attr in _GROWERS and type(sub.func.value) is ast.Name and sub.func.value.id == name
               and sub.lineno < line)


def _is_fresh(value: ast.expr) -> bool:
    """A comprehension whose every item is a container built on the spot (`[dict(r) for r in rows]`)."""
    if not isinstance(value, (ast.ListComp, ast.SetComp)):
        return False
    return _new_item(value.elt)


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


_MAPPINGS = frozenset({"dict", "Dict", "TTLCache", "LRUCache", "LFUCache", "Cache", "MutableMapping",
                       "defaultdict", "DefaultDict", "OrderedDict"})
_MUTABLE_VALUES = {"list": "list", "List": "list", "deque": "list", "Deque": "list", "dict": "dict", "Dict": "dict",
                   "defaultdict": "dict", "set": "set", "Set": "set"}


def _declared_value_shape(annotation: ast.expr) -> str:
    """The container kind of a mapping annotation's values (`dict[str, list[int]]` -> "list"), else ""."""
    if type(annotation) is not ast.Subscript or type(annotation.slice) is not ast.Tuple \
            or len(annotation.slice.elts) != 2:
        return ""
    head = unparse(annotation.value).rsplit(".", 1)[-1]
    value = annotation.slice.elts[1]
    value_head = value.value if type(value) is ast.Subscript else value
    return _MUTABLE_VALUES.get(unparse(value_head).rsplit(".", 1)[-1], "") if head in _MAPPINGS else ""


def _is_dict(value: ast.expr) -> bool:
    return isinstance(value, ast.Dict) or (isinstance(value, ast.Call) and _call_name(value) in (
        "dict", "defaultdict", "OrderedDict"))


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


def _str_value(value: ast.expr) -> bool:
    """A string built from literals: `"..."`, f-strings, `",".join(cols) + "\\n"`, `"{}".format(x)`."""
    if isinstance(value, ast.JoinedStr) or (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return True
    if isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Add, ast.Mod)):
        return _str_value(value.left) or (isinstance(value.op, ast.Add) and _str_value(value.right))
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and \
        value.func.attr in ("join", "format") and isinstance(value.func.value, ast.Constant) and \
        isinstance(value.func.value.value, str)


def _repeat_loop(node: ast.For | ast.AsyncFor) -> bool:
    """`for _ in range(n)`: a count of repetitions (padding, a random suffix), not data rows."""
    return isinstance(node.target, ast.Name) and node.target.id == "_" and isinstance(node.iter, ast.Call) \
        and _call_name(node.iter) == "range"

"""Objects a function keeps and hands out, and call results a function changes in place.

Two per-function facts for the cache questions that cross modules, both cheap (only
functions that can hold them are walked):

- `extra["returns_kept"]`: the function returns the object it reads by key from a dict it
  keeps (`return self._local.get(key)`, `card = self._entries[key]` ... `return card`, or a
  local it has just stored there, `self._entries[key] = card; return card`), as
  [{"owner": "self._local" | "NAME", "line": return line}], one per owner. Whether the owner
  is a cache its class (or module) fills is a project question.
- `extra["changed_results"]`: a local bound to a call's result (`card = await
  self._cache.get(id)`) that the function changes in place, itself or a part of it (`for s in
  menu["sections"]: s["items"] = ...`, `plan = next(p for p in plans if ...)`), and hands on
  in its result, as [{"line", "col" (of the call), "name", "at", "end" (the first change),
  "how"}]. Not when a copy replaces it first, nor when it is stored back through the object
  it came from (`self._cache.put(id, card)` after the change: a read-modify-write).
"""
from __future__ import annotations

import ast
from typing import Any

from .types import FunctionFacts
from .values import dotted_str, unparse
from .visitor import own_nodes, walk

MUTATORS = frozenset({"append", "extend", "insert", "remove", "pop", "sort", "add", "update", "clear", "discard",
                      "popitem", "setdefault", "__setitem__", "__delitem__"})
_COPIES = frozenset({"dict", "list", "set", "copy", "deepcopy", "copy.copy", "copy.deepcopy", "sorted", "tuple",
                     "frozenset", "OrderedDict", "defaultdict"})


def annotate(node: ast.FunctionDef | ast.AsyncFunctionDef, func: FunctionFacts) -> None:
    """Fill the two facts of the module docstring for one function, when it can hold them."""
    extra = func.extra
    stores = extra.get("stores", ())
    if not func.returns_values:
        return
    if _may_return_kept(func.returns_values, func.local_types, stores):
        kept = _returns_kept(node)
        if kept:
            extra["returns_kept"] = kept
    if _changes_result(func, stores):
        changed = _Changes().run(node)
        if changed:
            extra["changed_results"] = changed


def _changes_result(func: FunctionFacts, stores: Any) -> bool:
    """A cheap test on the facts: the function changes (an item of) a local first bound to a call
    that builds no new container, or a name bound otherwise (a loop variable)."""
    roots = {s["target"].split(".")[0] for s in stores if s["item"] and _local_item(s["target"].split("."))}
    roots.update(c.func[0] for c in func.calls if c.func and c.func[-1] in MUTATORS and _local_item(c.func[:-1]))
    for root in roots - {p.name for p in func.params}:
        value = func.local_types.get(root)
        call = value.get("call") if isinstance(value, dict) else None
        # None: a loop variable; "" a call on an object built in place (`Service(session).get(id)`)
        if value is None or call is not None and call.rsplit(".", 1)[-1] not in _COPIES:
            return True
    return False


def _local_item(chain) -> bool:
    """`card`, `card.[]`, `card.[].[]` as the facts write them: a local or an item of one."""
    return bool(chain) and chain[0] not in ("self", "cls", "[]") and all(part == "[]" for part in chain[1:])


# ----- the callee side ------------------------------------------------------------------------
def _lookup(value: ast.expr) -> str:
    """The dict a lookup reads by key (`self._x.get(k)`, `self._x[k]`, `NAME[k]`): "self._x" /
    "NAME"; "" otherwise (an awaited call goes elsewhere: a remote cache returns a new object)."""
    if type(value) is ast.Call and type(value.func) is ast.Attribute and value.func.attr == "get" and value.args:
        owner = value.func.value
    elif type(value) is ast.Subscript and type(value.ctx) is ast.Load:
        owner = value.value
    else:
        return ""
    return _lookup_owner_text(owner)


def _may_return_kept(returns: list, local_types: dict[str, Any], stores: Any) -> bool:
    """A cheap test on the facts already taken: some return is a lookup, a local first bound to
    one, or a local while the function stores into a dict by key."""
    keyed = _stores_by_key(local_types, stores)
    return any(isinstance(value, dict) and _may_be_kept(value, local_types, keyed) for value in returns)


def _stores_by_key(local_types: dict[str, Any], stores: Any) -> bool:
    """`self._x[k] = ...` or `NAME[k] = ...` on a name that is no local: a dict the function keeps."""
    return any(s["item"] and (s["target"].startswith("self.") and s["target"].count(".") == 1
                              or "." not in s["target"] and s["target"] not in local_types) for s in stores)


def _may_be_kept(value: dict, local_types: dict[str, Any], keyed: bool) -> bool:
    """One returned value (as the facts write it) that may be a kept object."""
    text = value.get("ref") or value.get("call") or ""
    if text.endswith((".[]", ".get")):
        return True
    if "ref" not in value or "." in text:
        return False
    first = local_types.get(text)
    bound = isinstance(first, dict) and (first.get("ref") or first.get("call") or "")
    return keyed or bool(bound and bound.endswith((".[]", ".get")))


def _returns_kept(func: ast.AST) -> list[dict[str, Any]]:
    """The owners of the kept objects the function returns, each with its first return line."""
    aliases, copied, returns = _kept_locals(func)
    found: dict[str, int] = {}
    for node in sorted(returns, key=lambda n: n.lineno):
        value = node.value
        owner = _lookup(value) or (aliases.get(value.id, "") if type(value) is ast.Name and value.id not in copied
                                   else "")
        owner = aliases.get(owner, owner)  # `entry = self._x.get(k)` ... `return entry[1]`: a part of the entry
        if owner:
            found.setdefault(owner, node.lineno)
    return [{"owner": owner, "line": line} for owner, line in found.items()]


def _kept_locals(func: ast.AST) -> tuple[dict[str, str], set[str], list[ast.Return]]:
    """The locals read from (or stored into) a kept dict, the locals a copy replaced, and the returns."""
    aliases: dict[str, str] = {}  # local -> the dict it was read from or stored into
    copied: set[str] = set()
    returns: list[ast.Return] = []
    for node in own_nodes(list(getattr(func, "body", ()))):
        if type(node) is ast.Assign and len(node.targets) == 1:
            _note_binding(node.targets[0], node.value, aliases, copied)
        elif type(node) is ast.Return and node.value is not None:
            returns.append(node)
    return aliases, copied, returns


def _note_binding(target: ast.expr, value: ast.expr, aliases: dict[str, str], copied: set[str]) -> None:
    """`card = self._x[k]` (an alias of a kept object), `card = dict(card)` (a copy replaces it),
    `self._x[k] = card` (the local is now kept there)."""
    if type(target) is ast.Name:
        owner = _lookup(value)
        if owner:
            aliases[target.id] = owner
        elif _copy_of(value, target.id):
            copied.add(target.id)
    elif type(target) is ast.Subscript and _lookup_owner_text(target.value):
        # `self._x[k] = card`, or a timestamped entry `self._x[k] = (time.monotonic(), card)`
        for stored in (value.elts if type(value) is ast.Tuple else [value]):
            if type(stored) is ast.Name:
                aliases.setdefault(stored.id, _lookup_owner_text(target.value))


def _lookup_owner_text(owner: ast.expr) -> str:
    """`self._x` or `NAME` as text: a dict the function (its instance or module) keeps; "" otherwise."""
    text = dotted_str(owner)
    parts = text.split(".")
    return text if type(owner) is ast.Name or (len(parts) == 2 and parts[0] == "self") else ""


def _copy_of(value: ast.expr, name: str) -> bool:
    """`x = dict(x)`, `x = copy.deepcopy(x)`, `x = x.copy()`, `x = {**x}`: a copy replaces it."""
    if type(value) is ast.Call:
        func = dotted_str(value.func)
        if func in _COPIES and value.args and type(value.args[0]) is ast.Name and value.args[0].id == name:
            return True
        return type(value.func) is ast.Attribute and value.func.attr == "copy" and dotted_str(value.func.value) == name
    if type(value) is ast.Dict:
        return any(k is None and type(v) is ast.Name and v.id == name for k, v in zip(value.keys, value.values))
    return False


# ----- the caller side ------------------------------------------------------------------------


def _result_call(value: ast.expr) -> ast.Call | None:
    """The call whose result a binding holds: `f(...)`, `await self.x.f(...)`; None for a
    copy (`dict(...)`, `copy.deepcopy(...)`) or anything else."""
    call = value.value if type(value) is ast.Await else value
    if type(call) is not ast.Call:
        return None
    func = dotted_str(call.func)
    if not func and type(call.func) is ast.Attribute:
        func = call.func.attr  # a method of an object built in place: `Service(session).summary(id)`
    return call if func and func not in _COPIES and func.rsplit(".", 1)[-1] not in ("copy", "deepcopy") else None


def found_in(value: ast.expr) -> ast.expr | None:
    """`next(p for p in <source> if ...)`: the item found is one of the source's own objects; the
    source (a call or a local), or None when the expression is not such a search."""
    if type(value) is not ast.Call or type(value.func) is not ast.Name or value.func.id != "next" or not value.args:
        return None
    search = value.args[0]
    if type(search) is not ast.GeneratorExp or len(search.generators) != 1:
        return None
    gen = search.generators[0]
    if type(search.elt) is not ast.Name or type(gen.target) is not ast.Name or search.elt.id != gen.target.id:
        return None
    return gen.iter


def iterated_container(iterable: ast.expr) -> ast.expr | None:
    """The expression whose parts a loop yields: `menu` for `menu["sections"]`, `menu.sections`,
    `menu["sections"].values()` or `.items()`; None when another call ends the walk."""
    base: ast.expr | None = iterable
    while type(base) in (ast.Subscript, ast.Attribute, ast.Call):
        if type(base) is not ast.Call:
            base = base.value
        else:
            func = base.func
            base = func.value if type(func) is ast.Attribute and func.attr in ("values", "items") else None
    return base


def _item_root(node: ast.expr) -> str:
    """`card` for `card`, `card["tags"]`, `card["a"][0]`: the local whose item this is."""
    while type(node) is ast.Subscript:
        node = node.value
    return node.id if type(node) is ast.Name else ""


class _Changes:
    """Statements in order; a binding inside a branch does not end what the local may hold
    (`if card is None: card = {...}`: on the other path it is still the call's result)."""

    def __init__(self) -> None:
        self.got: dict[str, list[tuple[ast.Call, int]]] = {}  # local -> the calls it may hold (with block depth)
        self.parts: dict[str, str] = {}  # local -> the `got` local it is (a part of)
        self.changed: dict[str, tuple[ast.AST, str]] = {}  # `got` local -> (first change, how)
        self.returned: set[str] = set()
        self.stored_back: set[str] = set()

    def run(self, func: ast.AST) -> list[dict[str, Any]]:
        self._block(func.body, 0)
        out = []
        for name, (node, how) in self.changed.items():
            if name in self.returned and name not in self.stored_back and name in self.got:
                out.extend({"line": call.lineno, "col": call.col_offset, "name": name, "at": node.lineno,
                            "end": getattr(node, "end_lineno", None) or node.lineno, "how": how}
                           for call, _depth in self.got[name])
        return sorted(out, key=lambda c: (c["at"], c["line"]))

    def _block(self, body: list[ast.stmt], depth: int) -> None:
        for stmt in body:
            self._statement(stmt, depth)

    def _statement(self, stmt: ast.stmt, depth: int) -> None:
        kind = type(stmt)
        if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            return
        if kind in (ast.Assign, ast.AnnAssign) and stmt.value is not None:
            self._expression(stmt.value)
            for target in (stmt.targets if kind is ast.Assign else [stmt.target]):
                self._bind(target, stmt.value, depth)
            return
        self._own_effect(stmt, kind)
        self._header(stmt, kind)
        self._inner_blocks(stmt, depth)

    def _own_effect(self, stmt: ast.stmt, kind: type) -> None:
        """What the statement itself does to the tracked locals: a loop over a part, a return, a store."""
        if kind in (ast.For, ast.AsyncFor):
            self._expression(stmt.iter)
            self._loop_parts(stmt)
        elif kind is ast.Return and stmt.value is not None:
            self.returned.update(self.parts[n.id] for n in walk(stmt.value)
                                 if type(n) is ast.Name and n.id in self.parts)
        elif kind in (ast.AugAssign, ast.Delete):
            for target in (stmt.targets if kind is ast.Delete else [stmt.target]):
                self._store(target, stmt)

    def _header(self, stmt: ast.stmt, kind: type) -> None:
        """The expressions a compound statement evaluates before its blocks (a test, `with` items)."""
        for field in ("test", "items", "value", "exc", "subject"):
            part = getattr(stmt, field, None)
            if isinstance(part, ast.AST) and kind is not ast.Return:
                self._expression(part)
            elif type(part) is list:
                for item in part:
                    self._expression(item.context_expr if type(item) is ast.withitem else item)

    def _inner_blocks(self, stmt: ast.stmt, depth: int) -> None:
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, field, None)
            if type(inner) is list and inner and isinstance(inner[0], ast.stmt):
                self._block(inner, depth + 1)
        for handler in getattr(stmt, "handlers", ()):
            self._block(handler.body, depth + 1)
        for case in getattr(stmt, "cases", ()):
            self._block(case.body, depth + 1)

    def _bind(self, target: ast.expr, value: ast.expr, depth: int) -> None:
        if type(target) is not ast.Name:
            self._store(target, target)
            return
        name = target.id
        call = _result_call(value)
        found = found_in(value)
        whole = self.parts.get(found.id) if found is not None and type(found) is ast.Name else None
        held = self.got.get(name, [])
        replaced = not held or depth <= held[0][1] or _copy_of(value, name)
        if call is not None and found is None:
            self.got[name] = [(call, depth)] if replaced else [*held, (call, depth)]
            self.parts[name] = name
        elif whole:
            self.parts[name] = whole
        elif name in self.parts and replaced:
            del self.parts[name]
            self.got.pop(name, None)

    def _loop_parts(self, loop: ast.For | ast.AsyncFor) -> None:
        """`for section in menu["sections"]` / `.values()` / `.items()`: the items are parts of `menu`."""
        base = iterated_container(loop.iter)
        if type(base) is ast.Name and base.id in self.parts:
            for node in ast.walk(loop.target):
                if type(node) is ast.Name:
                    self.parts[node.id] = self.parts[base.id]

    def _store(self, target: ast.expr, node: ast.AST) -> None:
        root = _item_root(target.value) if type(target) is ast.Subscript else ""
        if root in self.parts:
            self._change(self.parts[root], node, f"{unparse(target)[:40]} = ...")

    def _expression(self, expr: ast.expr) -> None:
        """Mutator calls on a tracked local, and a tracked local handed back to its source."""
        for node in walk(expr):
            if type(node) is not ast.Call or type(node.func) is not ast.Attribute:
                continue
            owner = node.func.value
            root = _item_root(owner) if node.func.attr in MUTATORS else ""
            if root in self.parts:
                self._change(self.parts[root], node, f"{unparse(node.func)[:40]}()")
            for arg in node.args:
                if type(arg) is ast.Name and arg.id in self.changed and any(
                        dotted_str(owner) == dotted_str(call.func).rpartition(".")[0]
                        for call, _depth in self.got.get(arg.id, ())):
                    self.stored_back.add(arg.id)

    def _change(self, name: str, node: ast.AST, how: str) -> None:
        self.changed.setdefault(name, (node, how))


def fixed_tables(facts: Any) -> frozenset[str]:
    """The module-level names bound to a written-out collection (`TOOLS = {Cmd.SEARCH: "...", ...}`,
    `modes = [a, b]`) that no function of the module grows: iterating one costs what the code wrote.
    One pass over the module's functions for all its names."""
    grown = set()
    for func in facts.functions.values():
        grown.update(store.get("target") for store in func.extra.get("stores", ()))
        grown.update(site.func[0] for site in func.calls
                     if site.func and len(site.func) == 2 and site.func[1] in MUTATORS)
    return frozenset(name for name, assign in facts.assigns.items() if name not in grown and _written_out(assign.value))


def _written_out(value: Any) -> bool:
    """A collection display the facts keep with its size: a list of literals, or a literal-form
    list, tuple, set or dict."""
    return isinstance(value, list) or isinstance(value, dict) and value.get("literal") in (
        "list", "tuple", "set", "dict") and int(value.get("size", -1)) >= 0

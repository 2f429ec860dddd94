"""The copy smells of the shared walk: deep copies and copies made where nothing else holds or
changes the original, so the copy costs time and memory and protects nothing. Whether a local
is fresh (built here from new items) is tracked as the walk goes; some copies are judged at
the end of their function, once all their reads are known.
"""
from __future__ import annotations

import ast

from ...facts.readonly import changed_at_top_only, only_read, read_or_returned
from ...facts.values import unparse
from ...facts.visitor import descendants, own_nodes
from ...model.exits import CALLBACK_REMOVALS
from ._filtered_copy import copy_kept, filtered_only, one_entry_read, only_measured, parents_of
from ._serialised_copy import serialised_only
from ._scan_state import ScanState, _call_name, _Loop, _names, _Scope

_COPY_CALLS = frozenset({"list", "tuple", "set", "sorted", "dict", "frozenset"})
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


def _copied_collection(it: ast.expr) -> ast.expr | None:
    """`d` for `list(d)` / `tuple(d.keys())`: the collection a loop copies to iterate, when it is
    a name or an attribute; None otherwise."""
    if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id in ("list", "tuple")
            and len(it.args) == 1):
        return None
    inner = it.args[0]
    base = inner.func.value if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and \
        inner.func.attr in ("keys", "items", "values") else inner
    return base if isinstance(base, (ast.Name, ast.Attribute)) else None


def _changes_or_waits(body: list[ast.stmt], text: str) -> bool:
    """The loop body changes the collection written `text` (a mutating method, a store or delete
    by key) or can be suspended while another task does: the copy is needed."""
    for stmt in body:
        for sub in ast.walk(stmt):
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and \
                    ast.unparse(sub.func.value) == text and sub.func.attr in _DICT_MUTATORS | {
                    "append", "remove", "extend", "insert", "add", "discard"}:
                return True
            if isinstance(sub, (ast.Subscript,)) and isinstance(sub.ctx, (ast.Store, ast.Del)) and \
                    ast.unparse(sub.value) == text:
                return True
            if isinstance(sub, (ast.Yield, ast.YieldFrom, ast.Await)):
                return True  # the loop can be suspended: another task may change the collection
    return False


def _handed_remover(scope: _Scope, name: str) -> bool:
    """The scope's function (or a closure inside it) hands `name.discard` (`remove`, `pop`) to a call as
    a callback (`task.add_done_callback(tasks.discard)`): the collection shrinks whenever the callback
    runs, out of the loop's sight, so snapshotting it before iterating is the usual defensive idiom.
    The names are read from the whole function once per scope, when first asked (a callback handed
    after the loop counts too)."""
    if scope.removers is None:
        scope.removers = _handed_removers(scope.node) if scope.node is not None else frozenset()
    return name in scope.removers


def _handed_removers(func: ast.AST) -> frozenset[str]:
    """The names whose remover (`tasks.discard`) a call in the function is handed."""
    return frozenset(arg.value.id for sub in ast.walk(func) if type(sub) is ast.Call
                     for arg in (*sub.args, *(k.value for k in sub.keywords))
                     if type(arg) is ast.Attribute and arg.attr in CALLBACK_REMOVALS and type(arg.value) is ast.Name)


def _self_call_lines(body: list[ast.stmt]) -> list[int]:
    """The lines of the `self.method(...)` calls in a loop body, in order."""
    return sorted({sub.lineno for stmt in body for sub in ast.walk(stmt) if type(sub) is ast.Call
                    and type(sub.func) is ast.Attribute and type(sub.func.value) is ast.Name
                    and sub.func.value.id == "self"})


def _deepcopy_arg(value: ast.expr) -> ast.expr | None:
    """`x` for `copy.deepcopy(x)` (or a bare `deepcopy(x)`); None for any other expression."""
    if type(value) is ast.Call and _call_name(value) == "deepcopy" and len(value.args) == 1 and not value.keywords:
        return value.args[0]
    return None


def _listed_param(arg: ast.expr, params: set[str]) -> str | None:
    """`submissions` for `list(submissions)` of a parameter: the deep copy's own top level is already
    a new list, so only the caller's items are at stake, as for `copy.deepcopy(submissions)`."""
    if type(arg) is ast.Call and type(arg.func) is ast.Name and arg.func.id in ("list", "tuple") \
            and len(arg.args) == 1 and not arg.keywords and type(arg.args[0]) is ast.Name \
            and arg.args[0].id in params:
        return arg.args[0].id
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


_ITEM_MAKERS = frozenset({"dict", "list", "set", "tuple", "model_dump", "asdict", "_asdict", "to_dict"})
_GROWERS = frozenset({"append", "extend", "insert"})


def _empty_list(value: ast.expr) -> bool:
    """`[]` or `list()`: a list no one else holds, with no items yet."""
    return type(value) is ast.List and not value.elts or \
        type(value) is ast.Call and type(value.func) is ast.Name and value.func.id == "list" and not value.args


def _new_item(item: ast.expr | None) -> bool:
    """A container built on the spot (`{"kind": k, "at": at}`, `dict(row)`), as in `_is_fresh`, or an
    instance of a class made there (`Candidate(lot.id, lot.priority)`)."""
    return isinstance(item, (ast.Dict, ast.List, ast.Set, ast.Tuple, ast.DictComp, ast.ListComp)) or (
        isinstance(item, ast.Call) and (_call_name(item) in _ITEM_MAKERS or _instantiates(item)))


def _instantiates(call: ast.Call) -> bool:
    """`Candidate(...)` / `models.Candidate(...)`: a class called by its CapWords name builds a new object."""
    name = call.func.id if type(call.func) is ast.Name else call.func.attr if type(call.func) is ast.Attribute else ""
    return name[:1].isupper() and not name.isupper()


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


def _item_builders(module: ast.Module | None) -> set[str]:
    """Functions of this module (`name`, or `Class.name` for a method) whose every return is a
    comprehension of containers built on the spot (`return [dict(r._mapping) for r in result]`):
    each call hands back new items nobody else holds. Decorated ones are left out (a memo returns
    the same list to every caller)."""
    found: set[str] = set()
    for stmt in module.body if module is not None else ():
        if type(stmt) is ast.ClassDef:
            found.update(f"{stmt.name}.{f.name}" for f in stmt.body if _returns_new_items(f))
        elif _returns_new_items(stmt):
            found.add(stmt.name)
    return found


def _returns_new_items(node: ast.stmt) -> bool:
    if type(node) not in (ast.FunctionDef, ast.AsyncFunctionDef) or any(
            not (type(d) is ast.Name and d.id in ("staticmethod", "classmethod")) for d in node.decorator_list):
        return False
    returns = [n for n in own_nodes(node.body) if type(n) in (ast.Return, ast.Yield, ast.YieldFrom)]
    grown = _grown_lists(node)
    return bool(returns) and all(type(n) is ast.Return and n.value is not None and (
        _is_fresh(n.value) or type(n.value) is ast.Name and n.value.id in grown) for n in returns)


def _grown_lists(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Locals bound once to an empty list and then only grown with items built on the spot
    (`out = []`, `out.append(Candidate(...))`) or returned: new items nobody else holds."""
    nodes = own_nodes(func.body)
    bound: dict[str, int] = {}
    loads: dict[str, int] = {}
    fine: dict[str, int] = {}  # loads that append a new item or return the list
    for sub in nodes:
        kind = type(sub)
        if kind is ast.Assign and len(sub.targets) == 1 and type(sub.targets[0]) is ast.Name:
            name = sub.targets[0].id
            bound[name] = bound.get(name, 0) + (1 if _empty_list(sub.value) else 2)
        elif kind is ast.Name and type(sub.ctx) is ast.Load:
            loads[sub.id] = loads.get(sub.id, 0) + 1
        elif kind is ast.Return and type(sub.value) is ast.Name:
            fine[sub.value.id] = fine.get(sub.value.id, 0) + 1
        elif kind is ast.Call and type(sub.func) is ast.Attribute and type(sub.func.value) is ast.Name \
                and sub.func.attr == "append" and len(sub.args) == 1 and _new_item(sub.args[0]):
            fine[sub.func.value.id] = fine.get(sub.func.value.id, 0) + 1
    return {name for name, count in bound.items() if count == 1 and loads.get(name, 0) == fine.get(name, -1)}


class CopySmells(ScanState):
    """Copies that protect nothing: of a list built here from new items, of a collection the loop
    never changes, copies only read or copied again, and a deep copy made on every pass."""

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
        elif type(arg) is ast.Name and arg.id in self.scope.made_by:
            pass  # new items a function of this file returned: judged as a fresh list (`_deepcopy_of_fresh`)
        elif type(arg) is ast.Name and (arg.id in self.scope.awaited or arg.id in self.scope.params):
            self.scope.deep_awaited.append((value, name, arg.id))
        elif (param := _listed_param(arg, self.scope.params)) is not None:
            self.scope.deep_awaited.append((value, name, param))
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
            self.scope.made_by.pop(target.id, None)
            maker = self._item_builder(value)
            if maker:
                self.scope.made_by[target.id] = maker
            if _is_fresh(value) or self._built_items(value) or _empty_list(value) or maker:
                self.scope.fresh.add(target.id)
            else:
                self.scope.fresh.discard(target.id)

    def _item_builder(self, value: ast.expr) -> str:
        """The function of this file a call (awaited or not) goes to when every call of it returns
        new items (`rows = await self._fetch(...)`); "" otherwise."""
        if type(value) not in (ast.Call, ast.Await):
            return ""
        target = self._local_target(value)
        if not target:
            return ""
        if self.item_builders is None:  # built on first need: few files bind a call's result this way
            self.item_builders = _item_builders(self.module)
        return target if target in self.item_builders else ""

    def _built_items(self, value: ast.expr) -> bool:
        """`[_row_dict(r) for r in rows]`: every item is a new container a function of this file builds."""
        return isinstance(value, (ast.ListComp, ast.SetComp)) and type(value.elt) is ast.Call \
            and self._local_target(value.elt) in self.builders

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
        elif type(self.scope.node) is ast.AsyncFunctionDef:
            self.scope.deep_other.append(node)

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

    def _copy_read_call(self, node: ast.Call) -> None:
        """`copy.deepcopy(x).get(key)`, `len(copy.copy(x))`: a whole copy made for one read."""
        if type(node.func) is ast.Attribute and node.func.attr == "get":
            self._copy_then_read(node, node.func.value, ".get(...)")
        elif type(node.func) is ast.Name and node.func.id == "len" and len(node.args) == 1:
            self._copy_then_read(node, node.args[0], "len(...)")

    def _deepcopy_in_loop(self, node: ast.Call, name: str, loop: _Loop) -> None:
        """`copy.deepcopy(x)` on every pass of a loop over data (not of each item once, nor of a
        value the loop moves on between passes)."""
        # `deepcopy(value, memo)`: a `__deepcopy__` copying its members, the deep copy itself, not one per item
        if name == "deepcopy" and len(node.args) < 2 and "memo" not in {k.arg for k in node.keywords} \
                and not _copies_item(node, loop) and not _snapshots_changing(node, loop):
            self.add("deepcopy-in-loop", node, loop_line=loop.line)

    def _copy_for_iteration(self, node: ast.For | ast.AsyncFor) -> None:
        """`for k in list(d.keys())` when the body never changes `d`: the copy is not needed."""
        it = node.iter
        if type(it) is ast.Call and _call_name(it) == "deepcopy" and len(it.args) == 1:
            self._deepcopy_for_iteration(node, it)
            return
        base = _copied_collection(it)
        if base is None:
            return
        text = ast.unparse(base)
        # `leases = self._leases` then `for k in list(leases)`: the local is the attribute
        owner = self.scope.self_aliases.get(text, text) if type(base) is ast.Name else text
        if _changes_or_waits(node.body, text) or owner != text and _changes_or_waits(node.body, owner) \
                or _removes_item(node):
            return
        if type(base) is ast.Name and owner == text and any(
                _handed_remover(scope, text) for scope in self.scopes if scope.node is not None):
            return
        # `self._expire(key)` in the body may change `self._pending` in a method this file rule
        # cannot follow: the finding holds unless the model shows it does (`model.exits`)
        # or a callback the class registers (`add_done_callback(self._tasks.discard)`) may shrink it
        calls = _self_call_lines(node.body) if owner.startswith("self.") else []
        self.add("copy-for-iteration", it, collection=text, copy=ast.unparse(it)[:80], self_calls=calls,
                 attr=owner.split(".")[1] if owner.startswith("self.") else "")

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

    def _report_copies(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: _Scope) -> None:
        """At the end of a function, the copies that needed all of its reads known."""
        if scope.deep_fresh:
            self._deepcopy_of_fresh(node, scope)
        self._awaited_copies(node, scope)
        self._snapshot_copies(node, scope)
        self._serialised_copies(node, scope)
        self._returned_copies(node, scope)

    def _returned_copies(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: _Scope) -> None:
        """`return copy.deepcopy(rows)` of what an awaited call just returned for this caller, read
        nowhere else: in a route handler the framework only serialises the response, so the copy
        protects nothing (held as `returned`, reported only for an HTTP handler)."""
        taken = {smell.line for smell in self.found}
        parents = parents_of(node) if scope.deep_other else {}
        for call in scope.deep_other:
            arg = call.args[0]
            if call.lineno in taken or type(parents.get(id(call))) is not ast.Return or type(arg) is not ast.Name \
                    or arg.id not in scope.awaited or _load_counts(node, {arg.id}).get(arg.id) != 1:
                continue
            self.add("copy-only-read", call, copy="", copied=arg.id, returned=[call.lineno])

    def _serialised_copies(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: _Scope) -> None:
        """Deep copies in a coroutine only ever encoded (`json.dumps`), alone or inside a literal,
        and not reported otherwise already."""
        taken = {smell.line for smell in self.found}
        for call in scope.deep_other:
            held = serialised_only(node, call) if call.lineno not in taken else None
            if held is not None:
                self.add("copy-then-serialise", call, copied=unparse(call.args[0])[:60], held=held)

    def _awaited_copies(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: _Scope) -> None:
        """Deep copies of what an awaited call just returned for this caller, or of a parameter: only
        read, changed at the top level only (a shallow copy would do), or only measured."""
        for call, copy_name, source in scope.deep_awaited:
            once = not source or _load_counts(node, {source}).get(source) == 1
            if only_read(node, copy_name) and once:
                self.add("copy-only-read", call, copy=copy_name, copied=source or unparse(call.args[0])[:60],
                         param=source in scope.params)
            elif once and source not in scope.params and (returned := read_or_returned(node, copy_name)):
                self.add("copy-only-read", call, copy=copy_name, copied=source or unparse(call.args[0])[:60],
                         returned=returned)  # kept only in a route handler (the framework serialises it)
            elif once and source in scope.params and changed_at_top_only(node, copy_name):
                self.add("deep-for-shallow", call, copy=copy_name, copied=source)
            elif only_measured(node, copy_name):
                self._copy_then_read(call, call, "len(...)", copy=copy_name)

    def _snapshot_copies(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: _Scope) -> None:
        """Deep copies of a whole collection somebody else holds, when the function uses one entry,
        the size or some items of it."""
        for call, copy_name in scope.snapshots:
            read = one_entry_read(node, call, copy_name)
            if read is not None:
                self._copy_then_read(read, call, ".get(...)" if type(read) is ast.Call else "[...]", at=call)
            elif only_measured(node, copy_name):
                self._copy_then_read(call, call, "len(...)", copy=copy_name)
            else:
                self._copy_then_filter(node, call, copy_name)

    def _deepcopy_of_fresh(self, func: ast.AST, scope: _Scope) -> None:
        """Report the deep copies whose original is read nowhere else in the function (but to
        grow it before the copy): the copy then protects nothing, as nobody else holds the
        original or its items."""
        loads = _load_counts(func, {name for _, name in scope.deep_fresh})
        for call, name in scope.deep_fresh:
            if loads.get(name, 0) - _grown_before(func, name, call.lineno) == 1:
                self.add("copy-of-fresh", call, copied=name, maker=scope.made_by.get(name, ""))  # `scope` is still the innermost scope here

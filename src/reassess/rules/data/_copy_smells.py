"""The copy smells of the shared walk: deep copies and copies made where nothing else holds or
changes the original, so the copy costs time and memory and protects nothing. Whether a local
is fresh (built here from new items) is tracked as the walk goes; some copies are judged at
the end of their function, once all their reads are known. The questions the smells ask
(where a copy's original came from, whether items are fresh, whether a loop needs its copy)
live in `_copy_sources`, `_fresh_items` and `_iteration_copies`.
"""
from __future__ import annotations

import ast

from ...facts.readonly import changed_at_top_only, only_read, read_or_returned
from ...facts.values import unparse
from ...facts.visitor import descendants
from ._filtered_copy import copy_kept, filtered_only, one_entry_read, only_measured, parents_of
from ._serialised_copy import serialised_only
from ._scan_state import ScanState, _call_name, _Loop, _names, _Scope
from ._copy_sources import (built_from_await, copies_item, copy_source, deepcopy_arg, fresh_await, listed_param,
                            load_counts, snapshots_changing)
from ._fresh_items import GROWERS, empty_list, grown_before, is_fresh, item_builders, new_item
from ._iteration_copies import (DICT_MUTATORS, changes_or_waits, copied_collection, handed_remover, removes_item,
                                self_call_lines)

# the walk (`_filescan`) imports it from here under its old name
_is_fresh = is_fresh

_COPY_CALLS = frozenset({"list", "tuple", "set", "sorted", "dict", "frozenset"})


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
        if fresh_await(value) or built_from_await(value):
            self.scope.awaited.add(name)
            return
        self.scope.awaited.discard(name)
        arg = deepcopy_arg(value)
        if arg is None or self.loops:
            return
        if fresh_await(arg):
            self.scope.deep_awaited.append((value, name, ""))
        elif type(arg) is ast.Name and arg.id in self.scope.made_by:
            pass  # new items a function of this file returned: judged as a fresh list (`_deepcopy_of_fresh`)
        elif type(arg) is ast.Name and (arg.id in self.scope.awaited or arg.id in self.scope.params):
            self.scope.deep_awaited.append((value, name, arg.id))
        elif (param := listed_param(arg, self.scope.params)) is not None:
            self.scope.deep_awaited.append((value, name, param))
        if not (is_fresh(arg) or type(arg) is ast.Await or type(arg) is ast.Name and arg.id in self.scope.fresh):
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
            if is_fresh(value) or self._built_items(value) or empty_list(value) or maker:
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
            self.item_builders = item_builders(self.module)
        return target if target in self.item_builders else ""

    def _built_items(self, value: ast.expr) -> bool:
        """`[_row_dict(r) for r in rows]`: every item is a new container a function of this file builds."""
        return isinstance(value, (ast.ListComp, ast.SetComp)) and type(value.elt) is ast.Call \
            and self._local_target(value.elt) in self.builders

    def _note_growth(self, node: ast.Call) -> None:
        """`entries.append({...})` keeps a fresh list fresh when the item is built on the spot;
        appending anything else (`entries.append(row)`) adds an item somebody else holds."""
        func = node.func
        if type(func) is not ast.Attribute or type(func.value) is not ast.Name or func.attr not in GROWERS \
                or func.value.id not in self.scope.fresh:
            return
        item = node.args[1] if func.attr == "insert" and len(node.args) > 1 else node.args[0] if node.args else None
        built = is_fresh(item) if func.attr == "extend" else new_item(item)
        if item is None or not built:
            self.scope.fresh.discard(func.value.id)

    def _note_deepcopy(self, node: ast.Call) -> None:
        """`copy.deepcopy(rows)` of a local built here from new items, outside a loop (one
        per pass is deepcopy-in-loop) and not already reported inside list()/sorted()."""
        arg = deepcopy_arg(node)
        if arg is None or self.loops or id(node) in self.scope.wrapped:
            return
        if type(arg) is ast.Name and arg.id in self.scope.fresh:
            self.scope.deep_fresh.append((node, arg.id))
        elif is_fresh(arg):  # `copy.deepcopy([dict(r) for r in rows])`: a temporary
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
        copied = copy_source(inner)
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
                and not copies_item(node, loop) and not snapshots_changing(node, loop):
            self.add("deepcopy-in-loop", node, loop_line=loop.line)

    def _copy_for_iteration(self, node: ast.For | ast.AsyncFor) -> None:
        """`for k in list(d.keys())` when the body never changes `d`: the copy is not needed."""
        it = node.iter
        if type(it) is ast.Call and _call_name(it) == "deepcopy" and len(it.args) == 1:
            self._deepcopy_for_iteration(node, it)
            return
        base = copied_collection(it)
        if base is None:
            return
        text = ast.unparse(base)
        # `leases = self._leases` then `for k in list(leases)`: the local is the attribute
        owner = self.scope.self_aliases.get(text, text) if type(base) is ast.Name else text
        if changes_or_waits(node.body, text) or owner != text and changes_or_waits(node.body, owner) \
                or removes_item(node):
            return
        if type(base) is ast.Name and owner == text and any(
                handed_remover(scope, text) for scope in self.scopes if scope.node is not None):
            return
        # `self._expire(key)` in the body may change `self._pending` in a method this file rule
        # cannot follow: the finding holds unless the model shows it does (`model.exits`)
        # or a callback the class registers (`add_done_callback(self._tasks.discard)`) may shrink it
        calls = self_call_lines(node.body) if owner.startswith("self.") else []
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
                    and sub.func.attr in DICT_MUTATORS | {"append", "remove", "extend", "insert", "add", "discard"}:
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
        copied = copy_source(inner)
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
                    or arg.id not in scope.awaited or load_counts(node, {arg.id}).get(arg.id) != 1:
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
            once = not source or load_counts(node, {source}).get(source) == 1
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
        loads = load_counts(func, {name for _, name in scope.deep_fresh})
        for call, name in scope.deep_fresh:
            if loads.get(name, 0) - grown_before(func, name, call.lineno) == 1:
                self.add("copy-of-fresh", call, copied=name, maker=scope.made_by.get(name, ""))  # `scope` is still the innermost scope here

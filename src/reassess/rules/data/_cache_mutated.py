"""The cached-value-mutated smells of the shared walk: a local read from a cache, or a result of a
function of this file that returns its cached object, changed in place and handed on.
"""
from __future__ import annotations

import ast
from typing import Any

from ...facts.kept import MUTATORS, found_in, iterated_container
from ...facts.values import unparse
from ._cache_returned import _lookup_owner, is_cache_name
from ._scan_state import ScanState, Smell, _names, _Scope


def _mutates_cache_read(func: Any) -> bool:
    """A local read from an in-process cache (`x = cache.get(k)`) that the function then changes."""
    reads = {name for name, value in func.local_types.items() if isinstance(value, dict) and _cache_read(value)}
    return bool(reads) and any(site.func and len(site.func) == 2 and site.func[0] in reads
                               and site.func[1] in MUTATORS for site in func.calls)


def _cache_read(value: dict[str, Any]) -> bool:
    """`cache.get(k)` ({"call": "cache.get"}) or `cache[k]` ({"ref": "cache.[]"}) as the facts write them."""
    call, ref = value.get("call", ""), value.get("ref", "")
    source = call[:-4] if call.endswith(".get") else ref[:-3] if ref.endswith(".[]") else ""
    return bool(source) and is_cache_name(source)


class CacheMutationSmells(ScanState):
    """Values read from an in-process cache (or got from a function of this file that returns
    its cached object) that a function changes in place and hands on: the change lands in the
    cache, for every later reader."""

    def _note_cached(self, target: ast.expr, value: ast.expr) -> None:
        """`x = cache.get(k)` / `x = cache[k]` (not awaited: a remote cache returns a fresh copy)
        starts tracking `x`; any other binding of `x` ends it. `cache[k] = x` writes it back."""
        scope = self.scope
        self._note_got(target, value)
        if type(target) is ast.Name:
            source = _lookup_owner(value)
            text = unparse(source) if source is not None and type(source) in (ast.Name, ast.Attribute) else ""
            if text and is_cache_name(text):
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

    def _note_changed_results(self, scope: _Scope) -> None:
        """Keep, for the end of the module, each result of a function of this file that this
        function changes in place and hands on (`_changed_by_callers` judges them)."""
        seen: set[str] = set()
        for changed, name, how in scope.got_changed:
            if name in scope.got_returned and name not in seen and name in scope.got:
                seen.add(name)
                callee, line = scope.got[name]
                self.got_changed.append((scope.name, changed, name, callee, line, how))

    def _note_part_changed(self, node: ast.Call) -> None:
        """`section.append(...)` on a result got from a function of this file, or a part of it."""
        if type(node.func) is ast.Attribute and type(node.func.value) is ast.Name and node.func.attr in \
                MUTATORS and node.func.value.id in self.scope.parts:
            self.scope.got_changed.append((node, self.scope.parts[node.func.value.id], f"{unparse(node.func)}()"))

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

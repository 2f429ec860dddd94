"""One walk of a file's tree for the algorithm, copy and cache rules.

The file rules of this family share the walk: the first rule to ask scans the tree and
the others read the result (kept for the tree being analysed, then dropped). The walk
tracks what each question needs: the enclosing loops (and whether they iterate over data
or over a constant), the local names bound to lists and strings, and the values a class
stores in its dict attributes.

Each family of smells is a mixin in a module of its own (`_algorithm_smells`, `_copy_smells`,
`_cache_returned`, `_cache_mutated`) over the walk's state (`_scan_state`); `_Scanner` composes
them, so a file's tree is still walked once for all of them.
"""
from __future__ import annotations

import ast
from typing import Any

from ...facts.kept import fixed_tables
from ._algorithm_smells import AlgorithmSmells, _group_results, _groups_annotation, _list_attributes, _list_builders
from ._cache_mutated import CacheMutationSmells, _mutates_cache_read
from ._cache_returned import (
    CacheReturnSmells,
    _cache_call,
    _declare_field,
    _dict_classes,
    _mutable_builders,
    _uses_module_dict,
)
from ._copy_smells import CopySmells, _is_fresh
from ._scan_state import Smell, _call_name, _is_data_iter, _Loop, _names, _note_fixed, _note_self_alias

# what the rules import from here
__all__ = ["Smell", "smells"]


_cache: dict[str, Any] = {"tree": None, "smells": []}


def smells(tree: ast.Module, facts: Any = None) -> list[Smell]:
    """The smells of this tree, computed once per tree. With the file's facts, only functions
    that can hold a smell (loops, copies, sorts, dict attributes written by key) are walked."""
    if _cache["tree"] is not tree:
        scanner = _Scanner(_wanted(facts) if facts is not None else None,
                           _list_attributes(facts) if facts is not None else {})
        scanner.builders = _mutable_builders(facts) if facts is not None else {}
        scanner.list_results = _list_builders(facts) if facts is not None else set()
        scanner.group_results = _group_results(facts) if facts is not None else set()
        if facts is not None:
            scanner.tables = fixed_tables(facts)
            scanner.imported = {imp.bound for imp in facts.imports if not imp.in_function}
        scanner.visit(tree)
        _cache["tree"], _cache["smells"] = tree, scanner.found
    return _cache["smells"]


def _wanted(facts: Any) -> set[str]:
    """Qualified names (without `<locals>`) of the functions worth walking, with their parents:
    functions with loops, sorts or nested copies, and the methods of classes that keep dicts."""
    dict_classes = _dict_classes(facts)
    module_dicts = {name for name, assign in facts.assigns.items() if assign.mutable or _cache_call(assign.value)}
    names: set[str] = set()
    for qualname, func in facts.functions.items():
        if _worth_walking(func, dict_classes, module_dicts):
            parts = qualname.replace(".<locals>", "").split(".")
            names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return names


def _worth_walking(func: Any, dict_classes: set[str], module_dicts: set[str]) -> bool:
    """A function that can hold a smell: with loops, sorts or nested copies, a method of a class
    that keeps dicts, or one that changes a cache read, uses a module dict or changes a result."""
    lines = [site.line for site in func.calls if site.func and site.func[-1] in ("list", "sorted", "tuple")]
    copies = len(lines) != len(set(lines)) or any(
        site.func and site.func[-1] in ("sorted", "deepcopy", "copy") for site in func.calls)
    return bool(func.extra.get("loops") or copies or func.class_name in dict_classes or _mutates_cache_read(func)
                or _uses_module_dict(func, module_dicts) or func.extra.get("changed_results"))


class _Scanner(AlgorithmSmells, CopySmells, CacheReturnSmells, CacheMutationSmells):
    """The one walk: each visit notes the scope and hands the node to the families of smells that
    look at it, in a fixed order (the order of the smells found follows it)."""

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        info: dict[str, Any] = {"name": node.name, "attrs": {}, "stores": {}, "returns": [], "inits": {},
                                "reloads": {}, "aliases": {}, "shapes": {}, "valued": {}, "parts": {},
                                "appended": set()}  # attributes whose entries grow in place (`_note_grown_entry`)
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
        scope = self._function_scope(node)
        self.scopes.append(scope)
        saved, self.loops = self.loops, []
        saved_ifs, self.ifs = self.ifs, 0
        for stmt in node.body:
            self.visit(stmt)
        self.loops, self.ifs = saved, saved_ifs
        self._cache_mutations(scope)
        self._note_changed_results(scope)
        self._report_copies(node, scope)
        self.scopes.pop()
        self.names.pop()
        for deco in node.decorator_list:
            self.visit(deco)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Module(self, node: ast.Module) -> None:
        self.module = node
        self.generic_visit(node)
        self._module_cache_returns()
        self._changed_by_callers()
        self._sorted_per_call()

    def visit_Assign(self, node: ast.Assign) -> None:
        kind = self._value_kind(node.value) or self._result_kind(node.value)
        self._note_deep_copies(node)
        self._concat_copy(node)
        for target in node.targets:
            self._module_store(target, node.value)
            self._note_fresh(target, node.value)
            self._note_built(target, node.value)
            self._note_cached(target, node.value)
            if isinstance(target, ast.Name):
                _note_fixed(self.scope.fixed, target.id, node.value)
                _note_self_alias(self.scope.self_aliases, target.id, node.value)
                if kind:
                    self.scope.kinds.setdefault(target.id, kind)
                elif target.id in self.scope.kinds and not self.loops:
                    self.scope.kinds.pop(target.id)
                self._note_result(target.id, node, kind)
            self._class_store(target, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            kind = self._value_kind(node.value) or ("groups" if _groups_annotation(ast.unparse(node.annotation))
                                                    or self._result_kind(node.value) == "groups" else "")
            if isinstance(node.target, ast.Name) and kind:
                self.scope.kinds.setdefault(node.target.id, kind)
            self._note_fresh(node.target, node.value)
            self._note_built(node.target, node.value)
            self._note_cached(node.target, node.value)
            self._class_store(node.target, node.value)
            self._module_store(node.target, node.value)
            self._declared_values(node)
        self.generic_visit(node)

    def visit_If(self, node: ast.If) -> None:
        self.ifs += 1
        self.generic_visit(node)
        self.ifs -= 1

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

    def visit_Compare(self, node: ast.Compare) -> None:
        self._membership(node)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if type(node.target) is ast.Name and not _is_fresh(node.value):
            self.scope.fresh.discard(node.target.id)  # `rows += other`: items somebody else holds
        self._str_concat(node)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self._sorted_first(node)
        if type(node.ctx) is ast.Load and type(node.slice) is not ast.Slice:
            self._copy_then_read(node, node.value, "[...]")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        self._note_grown_entry(node)
        loop = self.data_loop()
        if loop is not None:
            self._call_in_loop(node, name, loop)
            self._deepcopy_in_loop(node, name, loop)
        self._double_copy(node, name)
        self._copy_then_copy(node, name)
        self._note_growth(node)
        if name == "deepcopy":
            self._note_deepcopy(node)
        if name == "sorted" and type(node.func) is ast.Name and len(self.scopes) > 1:
            self._note_param_sort(node)
        self._copy_read_call(node)
        if type(node.func) is ast.Attribute and self.scope.cached:
            self._cached_call(node, node.func)
        self._module_put(node)
        self._note_part_changed(node)
        self.generic_visit(node)

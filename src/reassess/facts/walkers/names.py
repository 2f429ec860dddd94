"""Name and attribute reads: first uses of names, imported attribute chains, `self.x` reads,
and the names that `global`/`nonlocal`/`match` patterns bind.
"""
from __future__ import annotations

import ast

from ..guards import WINDOWS_BUILTINS
from ..types import FunctionFacts
from ..values import dotted
from .loops import loop_attr
from .state import WalkState


class NameFacts(WalkState):
    """Records reads of names and attribute chains."""

    def visit_MatchAs(self, node: ast.MatchAs) -> None:
        if node.name:
            self._bound_here(node.name)
        self.generic_visit(node)

    def visit_MatchStar(self, node: ast.MatchStar) -> None:
        if node.name:
            self._bound_here(node.name)

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        if node.rest:
            self._bound_here(node.rest)
        self.generic_visit(node)

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        for name in node.names:
            self._bound_here(name)
        if self.frame.facts is not None:
            self.frame.facts.extra.setdefault("nonlocals", []).extend(node.names)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        """Record `name.attr...` chains (kept for imported names, see `extract`), then visit
        the chain's base once instead of each link."""
        chain = dotted(node)
        store = type(node.ctx) is not ast.Load
        own = chain is not None and chain[0] in ("self", "cls")
        if chain and "[]" not in chain and (not own or store and len(chain) > 2 or store and chain[0] == "cls"):
            self.attr_chains.append((chain, node.lineno, node.col_offset, store))
        func = self.frame.facts
        if func is not None and self.frame.loop_line and chain and len(chain) >= 2 and not store:
            loop_attr(func, chain, node.lineno)
        if func is not None and chain is not None:
            self._attr_read(func, node, chain, store)
        last, base = node, node.value
        while type(base) is ast.Attribute:
            last, base = base, base.value
        # extra["self_reads"]: attributes of `self` read in the function (name -> first line)
        if func is not None and type(base) is ast.Name and base.id == "self" and type(last.ctx) is ast.Load:
            reads = func.extra.get("self_reads")
            if reads is None:
                reads = func.extra["self_reads"] = {}
            reads.setdefault(last.attr, last.lineno)
        self.visit(base)

    def _attr_read(self, func: FunctionFacts, node: ast.Attribute, chain: tuple[str, ...], store: bool) -> None:
        """extra["attr_reads"]: each attribute chain the function reads, calls or assigns, with the
        context a call there would have, as (chain, line, col, role, loop line, loop iterable,
        in a try, locks held); role "r" for a read, "c" for a call's callee, "s" for an assignment.
        Any link of the chain may be a `@property` of the receiver's class: the model links the
        getter (the setter for an assignment) as a call once the classes are resolved."""
        if type(node.ctx) is ast.Del:
            return
        role = "s" if store else "c" if id(node) == self.callee_id else "r"
        if role == "c" and len(chain) == 2:
            return  # `obj.method()`: the call's own edge; no link before it could be a property
        frame = self.frame
        func.extra.setdefault("attr_reads", []).append(
            (chain, node.lineno, node.col_offset, role, frame.loop_line, frame.loop_iter, frame.in_try, frame.locks))

    def visit_Global(self, node: ast.Global) -> None:
        if self.frame.facts is not None:
            self.frame.facts.extra.setdefault("globals", []).extend(node.names)
        self.facts.other_bindings.extend(node.names)
        self.facts.bound_names.update(node.names)
        self.scope_names.module.update(node.names)  # `global x` then `x = ...`: a module binding

    def visit_Name(self, node: ast.Name) -> None:
        if type(node.ctx) is ast.Load:
            if not self.name_guard and not (node.id in WINDOWS_BUILTINS and id(node) in self.windows_only) \
                    and id(node) not in self.python2_only:
                known = self.facts.name_uses.get(node.id)
                if known is None or (known[2] and not self.in_annotation):
                    self.facts.name_uses[node.id] = (node.lineno, node.col_offset, self.in_annotation)
                if not self.in_annotation:
                    self.scope_names.read(self.frame.facts, node.id, node.lineno, node.col_offset)
            if self.open_handlers and not self.in_cause:
                self._handler_reads(node.id)
            if self.picked:
                self._picked_read(node)
            return
        self._bound_here(node.id)
        if self.frame.facts is not None:  # a local binding (loop target, walrus, ...) of unknown type
            self.frame.facts.local_types.setdefault(node.id, None)
        elif not self.scopes:
            self.facts.other_bindings.append(node.id)

"""Which names each function binds and reads, fed by the one extraction walk.

`ModuleFacts.bound_names` answers "is this name bound anywhere in the module"; a name that a
function reads but that only another function binds (a parameter of a sibling method, a local
renamed) passes that test and still raises `NameError`. Python's scoping is simple enough to
answer from the walk: a read in a function resolves to the function's own bindings, then those
of the functions around it, then the module, then the builtins. Everything uncertain counts as
bound (a class body inside a function binds into the function, a lambda's parameters into its
scope), so what is left is a read no scope can reach.
"""
from __future__ import annotations

import builtins

from .types import FunctionFacts, ModuleFacts

_BUILTINS = frozenset(dir(builtins))


class ScopeNames:
    """Bindings of the module scope and of each function, and each function's reads."""

    def __init__(self) -> None:
        self.module: set[str] = set()
        self.bound: dict[int, set[str]] = {}  # id(FunctionFacts) -> names the function binds
        self.reads: dict[int, dict[str, tuple[int, int]]] = {}  # id -> name -> first (line, col)

    def bind(self, func: FunctionFacts | None, at_module: bool, name: str) -> None:
        """`name` bound in `func` (None outside functions; `at_module` when not in a class body)."""
        if func is not None:
            self.bound.setdefault(id(func), set()).add(name)
        elif at_module:
            self.module.add(name)

    def read(self, func: FunctionFacts | None, name: str, line: int, col: int) -> None:
        if func is not None:
            self.reads.setdefault(id(func), {}).setdefault(name, (line, col))

    def finish(self, facts: ModuleFacts) -> None:
        """Record in `extra["outer_reads"]` of each function the names it reads that neither it,
        an enclosing function, the module nor the builtins bind: (name, line, col), first read each."""
        for qualname, func in facts.functions.items():
            reads = self.reads.get(id(func))
            if not reads:
                continue
            scopes = [self.bound.get(id(func), set())] + [self.bound.get(id(outer), set())
                                                           for outer in _enclosing(facts, qualname)]
            out = [(name, line, col) for name, (line, col) in reads.items()
                   if name not in self.module and name not in _BUILTINS and not any(name in s for s in scopes)]
            if out:
                func.extra["outer_reads"] = sorted(out, key=lambda item: (item[1], item[2]))


def _enclosing(facts: ModuleFacts, qualname: str) -> list[FunctionFacts]:
    """The functions around a nested one, innermost first (class bodies between are skipped:
    their names are not visible to the methods)."""
    out = []
    while ".<locals>." in qualname:
        qualname = qualname.rsplit(".<locals>.", 1)[0]
        outer = facts.functions.get(qualname)
        if outer is not None:
            out.append(outer)
    return out


def forget_reads(facts: ModuleFacts, names: set[str]) -> None:
    """Drop reads of `names` from `extra["outer_reads"]`: type parameters of syntax newer than the
    running Python, rewritten into plain names before the walk, are in scope wherever declared."""
    if not names:
        return
    for func in facts.functions.values():
        reads = func.extra.get("outer_reads")
        if reads:
            func.extra["outer_reads"] = [read for read in reads if read[0] not in names]

"""The walk's shared state: the function being walked (`Frame`), the scopes around it, and the
helpers every recorder uses (blocks, bindings, complexity counts).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from ..scopes import ScopeNames
from ..types import ClassFacts, FunctionFacts, LockUse, ModuleFacts
from ..visitor import FastVisitor


@dataclass
class Frame:
    """The function whose body is being walked (None at module level)."""

    facts: FunctionFacts | None
    loop_line: int = 0
    loop_iter: str = ""
    locks: tuple[str, ...] = ()
    withs: tuple[str, ...] = ()  # every name-chain context manager entered around here (extra["withs"])
    in_try: bool = False
    lock_stack: list[LockUse] = field(default_factory=list)
    nesting: int = 0  # cognitive-complexity nesting level
    count_cc: bool = True  # False inside asserts, decorators, defaults and nested classes (as radon counts)
    item_stores: list[ast.Assign] = field(default_factory=list)  # `C[k] = v` here and in nested functions


class WalkState(FastVisitor):
    """The state one walk carries from node to node; the recorders in this package read and update it."""

    def __init__(self, path: str, module: str, is_package: bool) -> None:
        self.facts = ModuleFacts(path=path, module=module, is_package=is_package)
        self.frame = Frame(None)
        self.scopes: list[ClassFacts | FunctionFacts] = []
        self.awaited: set[int] = set()
        self.offloaded: set[int] = set()
        self.discarded: set[int] = set()  # ids of calls that are whole expression statements
        self.prose: set[int] = set()  # ids of strings standing as statements: docstrings, never run
        self.await_dropped: set[int] = set()  # ids of calls awaited as whole expression statements
        self.used_as: dict[int, str] = {}  # id of a call -> "await", "async-with", "async-for", "for"
        self.type_checking = False
        self.name_guard = 0  # > 0 inside a try whose handlers catch NameError
        self.main_guard = False  # inside a module-level `if __name__ == "__main__":` body
        self.windows_only: set[int] = set()  # ids of `WindowsError` reads in Windows-only branches
        self.python2_only: set[int] = set()  # ids of `unicode`-like reads in branches only Python 2 runs
        self.version_flags: dict[str, tuple] = {}  # module names bound to a major-version test (`PY2 = ...`)
        self.in_annotation = False
        self.in_lambda = 0  # > 0 inside a lambda's body (its comparisons are not the function's own)
        self.chained: set[int] = set()  # inner calls of an ORM query chain already recorded
        # id of the callee of the call being visited: `_attr_read` (`attr_reads`) visits that callee
        # first, before any inner call replaces it, so one id tells a called attribute from a read
        self.callee_id = 0
        # attribute chains for `ModuleFacts.attr_refs`, joined in `extract` once the imports are known
        self.attr_chains: list[tuple[tuple[str, ...], int, int, bool]] = []
        self.module_literals: dict[str, int] = {}  # module constants written out as sets of literals: their size
        self.scope_names = ScopeNames()  # per-scope bindings and reads (`scopes`), finished in `extract`
        # `except E as name:` handlers whose body is being walked: (name, its extra["blocks"] entry);
        # a read of the name there marks the entry "uses_name" (see `_handler_reads`)
        self.open_handlers: list[tuple[str, dict]] = []
        self.handler_blocks: dict[int, dict] = {}  # id of a named handler -> its block entry
        self.in_cause = 0  # > 0 inside a raise's `from` cause: chaining is no use of the exception
        # (id of a function, name) -> the `except` entries that bind the name to a value of their own
        # (`kind = Kind.HLS`): a read after the handler marks the entry "other_path" (`_picked_read`)
        self.picked: dict[tuple[int, str], list[dict]] = {}

    # ----- helpers -------------------------------------------------------------------------
    def _scope_prefix(self) -> str:
        if not self.scopes:
            return ""
        scope = self.scopes[-1]
        return scope.qualname + (".<locals>." if isinstance(scope, FunctionFacts) else ".")

    @property
    def in_function(self) -> bool:
        return any(isinstance(scope, FunctionFacts) for scope in self.scopes)

    def _walk_body(self, nodes: list[ast.stmt]) -> None:
        for node in nodes:
            self.visit(node)

    # ----- complexity (cyclomatic as radon counts it; cognitive per SonarSource, per function) ----
    def _cc(self, amount: int) -> None:
        if self.frame.facts is not None and self.frame.count_cc:
            self.frame.facts.complexity += amount

    def _cog(self, amount: int) -> None:
        if self.frame.facts is not None:
            self.frame.facts.cognitive += amount

    def _decision(self, cc: int) -> None:
        """A branching structure: cyclomatic +cc, cognitive +1 plus the nesting level."""
        self._cc(cc)
        self._cog(1 + self.frame.nesting)

    def _nested(self, nodes: list) -> None:
        self.frame.nesting += 1
        for node in nodes:
            self.visit(node)
        self.frame.nesting -= 1

    # ----- blocks (extra["blocks"]) and bindings -------------------------------------------------
    def _block(self, kind: str, node: ast.AST, end: int = 0, **detail: object) -> dict | None:
        """Record a block with its line range, so rules can ask what encloses a call site
        (a try, a handler, a finally, a with, a loop) without walking the tree again."""
        func = self.frame.facts
        if func is None:
            return None
        line = getattr(node, "lineno", 0)
        block = {"kind": kind, "line": line, "end": end or getattr(node, "end_lineno", None) or line, **detail}
        func.extra.setdefault("blocks", []).append(block)
        return block

    def _bind_args(self, args: ast.arguments) -> None:
        self.facts.bound_names.update(params_of(args))

    def _bound_here(self, name: str) -> None:
        """`name` bound in the scope being walked (see `scopes`), so bound in the module."""
        self.facts.bound_names.add(name)
        self.scope_names.bind(self.frame.facts, not self.scopes, name)

    def _picked_read(self, node: ast.Name) -> None:
        """A read, below the handler, of a name an `except` bound to a value of its own: the
        handler chose what the function goes on with (the exception answered a question)."""
        for block in self.picked.get((id(self.frame.facts), node.id), ()):
            if node.lineno > block["end"]:
                block["other_path"] = True

    def _use(self, name: str, node: ast.expr) -> None:
        """Remember a name's first use (a use in code wins over one in an annotation)."""
        if self.name_guard:
            return
        known = self.facts.name_uses.get(name)
        if known is None or (known[2] and not self.in_annotation):
            self.facts.name_uses[name] = (node.lineno, node.col_offset, self.in_annotation)

    def _annotations(self, nodes: list) -> None:
        self.in_annotation = True
        for node in nodes:
            if node is not None:
                self.visit(node)
        self.in_annotation = False


def params_of(args: ast.arguments) -> list[str]:
    """The names a signature binds, `*args` and `**kwargs` included."""
    return [arg.arg for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]
            if arg is not None]

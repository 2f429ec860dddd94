"""What the one walk of a file's tree keeps: the smells found, the scopes and loops around the
node being visited, and the helpers on names and iterables that every family of smells uses.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from ...facts import loopexit
from ...facts.kept import MUTATORS
from ...facts.values import unparse
from ...facts.visitor import FastVisitor, descendants

_LIST_CALLS = frozenset({"list", "sorted"})


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
    made_by: dict[str, str] = field(default_factory=dict)  # fresh local -> function of this file that built it
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
    deep_other: list[ast.Call] = field(default_factory=list)  # other deep copies in a coroutine, outside loops
    got: dict[str, tuple[str, int]] = field(default_factory=dict)  # local -> (function of this file it came from, line)
    parts: dict[str, str] = field(default_factory=dict)  # local -> the `got` local it is (a part of)
    got_changed: list[tuple[ast.AST, str, str]] = field(default_factory=list)  # (node, `got` local, how)
    got_returned: set[str] = field(default_factory=set)  # `got` locals handed out in the result
    self_aliases: dict[str, str] = field(default_factory=dict)  # local -> `self.attr` it was bound to
    node: ast.AST | None = None  # the function this scope is (None for the module)
    # local -> line of the one call of another file's function bound to it (0: bound otherwise too)
    results: dict[str, int] = field(default_factory=dict)
    removers: frozenset[str] | None = None  # names whose remover it hands as a callback (read on first ask)


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


def _self_attr(node: ast.expr | None) -> str:
    """`x` for the expression `self.x`, else ""."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return node.attr
    return ""


def _note_fixed(fixed: set[str], name: str, value: ast.expr) -> None:
    """Track locals bound to a written-out list of constants or named values (`[".py"]`,
    `[Kind.SEARCH, Kind.READ]`), whose size the code fixes; `opts = [opts]` wraps a value, not fixed."""
    if type(value) is ast.List and value.elts and all(type(e) in (ast.Constant, ast.Name, ast.Attribute)
                                                      for e in value.elts) and name not in _names(value):
        fixed.add(name)
    else:
        fixed.discard(name)


def _note_self_alias(aliases: dict[str, str], name: str, value: ast.expr) -> None:
    """Track locals bound to an attribute of `self` (`pending = self._pending`): the same object
    under a shorter name, so what a `self.` method does to the attribute happens to the local too."""
    if type(value) is ast.Attribute and type(value.value) is ast.Name and value.value.id == "self":
        aliases[name] = f"self.{value.attr}"
    else:
        aliases.pop(name, None)


class ScanState(FastVisitor):
    """What the walk keeps as it goes (scopes, loops, classes) and what each family of smells
    notes there; the families are mixins of this class, composed into the one scanner."""

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
        self.item_builders: set[str] | None = None  # functions of this file returning new items (on first need)
        self.module: ast.Module | None = None
        self.list_results: set[str] = set()  # functions of this file whose every return builds a list from data
        self.group_results: set[str] = set()  # functions of this file declared to return lists grouped by key
        self.module_aliases: dict[tuple[str, str], str] = {}  # (function, local) -> module cache it was read from
        self.mutable_stores: set[int] = set()  # lines of `NAME[k] = local` storing a container built here
        self.got_changed: list[tuple[str, ast.AST, str, str, int, str]] = []  # per caller: changed result of a call
        self.param_sorts: dict[tuple[str, int], ast.Call] = {}  # (function, positional index) -> `sorted(param)`
        self.steady_args: list[tuple[str, int, str, int, int]] = []  # (callee, index, arg, call line, loop line)
        self.tables: frozenset[str] = frozenset()  # module-level names bound to a written-out collection nothing grows
        self.imported: set[str] = set()  # names bound by this module's imports

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

    def _inside_loop_only(self, used: set[str]) -> bool:
        """Names first bound inside an enclosing loop change per iteration."""
        return any(used & loop.assigned for loop in self.loops)

    def _local_target(self, value: ast.expr) -> str:
        """The function of this file a call (awaited or not) goes to: `self.m(...)` or `m(...)`."""
        call = value.value if type(value) is ast.Await else value
        if type(call) is not ast.Call:
            return ""
        func = call.func
        if type(func) is ast.Attribute and type(func.value) is ast.Name and func.value.id == "self" and self.classes:
            return f"{self.classes[-1]['name']}.{func.attr}"
        return func.id if type(func) is ast.Name else ""

    def _function_scope(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> _Scope:
        """The scope of a function the walk enters: its parameters, those annotated as lists,
        and the attributes its class always binds to lists."""
        scope = _Scope(".".join(self.names), node=node)
        owner = ".".join(self.names[:-1])
        scope.self_lists = self.list_attrs.get(owner, self.scope.self_lists) if self.classes else frozenset()
        for arg in node.args.args + node.args.kwonlyargs:
            text = unparse(arg.annotation) if arg.annotation is not None else ""
            if text.startswith(("list[", "List[")) or text in ("list", "List"):
                scope.kinds[arg.arg] = "list"
        scope.params = {arg.arg for arg in node.args.args + node.args.kwonlyargs} - {"self", "cls"}
        scope.positional = [arg.arg for arg in node.args.args if arg.arg not in ("self", "cls")]
        return scope

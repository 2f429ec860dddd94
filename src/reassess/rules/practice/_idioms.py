"""One walk of a file's tree for the Python-idiom rules (shared: the first rule to ask walks,
the other reads the result kept for that tree).

The walk runs only when the file can hold an instance: its text contains a comparison to
`None`, `range(len(`, `type(` or `.keys()`, or a signature in its facts has a `[`/`{`
default. It reports, with the enclosing function:

- `range-len`: `for i in range(len(xs))` whose body uses `i` only as `xs[i]` (and does not
  change the length of `xs`, which would make the index loop mean something else);
- `none-compare`: `x == None` / `x != None` in the test of an `if`, `while`, `assert`,
  conditional expression or comprehension filter (never inside call arguments, where an
  ORM's `Column == None` builds `IS NULL` on purpose);
- `type-compare`: `type(x) == Name` / `!=` in such a test;
- `keys-membership`: `k in d.keys()` where `d` is provably a dict (a dict display, `dict()`
  or a dict comprehension bound in the function or the module, a parameter annotated as a
  dict or mapping, or `os.environ`), never an arbitrary object's `keys()` (a Redis client's
  `keys()` is a network call returning a list);
- `mutable-default`: a list, dict or set default of a parameter, with whether the function
  mutates it, stores it or returns it (`data["how"]`), which makes every call share and
  change the same object; a parameter named as a cache (`cache`, `memo`, `*_cache`) that
  is filled across calls is memoisation on purpose (`how` is "cache").
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...facts.types import FunctionFacts, ModuleFacts
from ...facts.values import dotted_str, is_mutable_value, unparse
from ...facts.visitor import FastVisitor, descendants
from ...model.app import is_offline_module
from ...source import is_generated
from .._scope import is_migration

if TYPE_CHECKING:
    from ..api import FileContext

_TEXT_MARKS = ("== None", "!= None", "==None", "!=None", "None ==", "None !=", "range(len(", "range( len(",
               "type(", ".keys()")
_SIGNATURE_DEFAULT = re.compile(r"=\s*(?:[\[{]|(?:list|dict|set|defaultdict|OrderedDict|deque|Counter)\(\s*\))")
_MUTATORS = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "update",
                       "setdefault", "popitem", "add", "discard", "difference_update", "intersection_update",
                       "symmetric_difference_update", "appendleft", "extendleft", "popleft", "rotate"})
_LENGTH_CHANGERS = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "appendleft", "popleft",
                              "extendleft"})
_DICT_WORDS = ("dict", "Dict", "Mapping", "MutableMapping", "defaultdict", "DefaultDict", "OrderedDict",
               "typing.Dict", "typing.Mapping", "collections.OrderedDict", "collections.defaultdict")
_DICT_CALLS = frozenset({"dict", "defaultdict", "OrderedDict", "collections.defaultdict", "collections.OrderedDict",
                         "Counter", "collections.Counter"})
_BUILTINS_USED = ("range", "len", "type", "isinstance")


@dataclass(frozen=True)
class Idiom:
    kind: str
    line: int
    end_line: int
    function: str  # qualname of the enclosing function, "" at module level
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


_cache: dict[str, Any] = {"tree": None, "found": []}


def served_idioms(ctx: "FileContext") -> list[Idiom]:
    """The file's idioms, or none for code nobody serves or formats by hand (offline scripts,
    migrations, generated files): both idiom rules judge the same files."""
    if is_offline_module(ctx.facts) or is_migration(ctx.facts) or is_generated(ctx.path, ctx.lines):
        return []
    return idioms(ctx.tree, ctx.lines, ctx.facts)


def idioms(tree: ast.Module, lines: list[str], facts: ModuleFacts) -> list[Idiom]:
    """The idiom instances of this tree, found once per tree."""
    if _cache["tree"] is not tree:
        found: list[Idiom] = []
        if _worth_walking(lines, facts):
            scanner = _Scanner(facts)
            scanner.visit(tree)
            found = sorted(scanner.found, key=lambda i: (i.line, i.kind))
        _cache["tree"], _cache["found"] = tree, found
    return _cache["found"]


def _worth_walking(lines: list[str], facts: ModuleFacts) -> bool:
    text = "\n".join(lines)
    if any(mark in text for mark in _TEXT_MARKS):
        return True
    for func in facts.functions.values():
        if any(p.has_default for p in func.params):
            signature = "\n".join(lines[func.line - 1: max(func.line, func.body_line - 1)])
            if _SIGNATURE_DEFAULT.search(signature):
                return True
    return False


class _Scanner(FastVisitor):
    def __init__(self, facts: ModuleFacts) -> None:
        self.facts = facts
        self.by_line = {func.line: func for func in facts.functions.values()}
        self.shadowed = {name for name in _BUILTINS_USED if name in facts.bound_names}
        self.found: list[Idiom] = []
        self.tests: set[int] = set()  # ids of comparisons in a test position
        self.function: FunctionFacts | None = None

    # ----- scopes ------------------------------------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer = self.function
        self.function = self.by_line.get(node.lineno)
        self._defaults(node)
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def _qualname(self) -> str:
        return self.function.qualname if self.function is not None else ""

    def _add(self, kind: str, node: ast.AST, **data: Any) -> None:
        self.found.append(Idiom(kind, node.lineno, getattr(node, "end_lineno", None) or node.lineno,
                                self._qualname(), data))

    # ----- tests -------------------------------------------------------------------------------
    def _mark(self, test: ast.expr) -> None:
        stack = [test]
        while stack:
            node = stack.pop()
            if type(node) is ast.BoolOp:
                stack.extend(node.values)
            elif type(node) is ast.UnaryOp and type(node.op) is ast.Not:
                stack.append(node.operand)
            elif type(node) is ast.Compare:
                self.tests.add(id(node))

    def visit_If(self, node: ast.If | ast.While | ast.IfExp) -> None:
        self._mark(node.test)
        self.generic_visit(node)

    visit_While = visit_IfExp = visit_If

    def visit_Assert(self, node: ast.Assert) -> None:
        self._mark(node.test)
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        for test in node.ifs:
            self._mark(test)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if len(node.ops) == 1:
            op, left, right = type(node.ops[0]), node.left, node.comparators[0]
            if op in (ast.In, ast.NotIn):
                self._keys(node, left, right)
            elif op in (ast.Eq, ast.NotEq) and id(node) in self.tests:
                self._equality(node, op is ast.Eq, left, right)
        self.generic_visit(node)

    def _equality(self, node: ast.Compare, equal: bool, left: ast.expr, right: ast.expr) -> None:
        if _is_none(right) or _is_none(left):
            value = left if _is_none(right) else right
            if not _is_none(value):
                self._add("none-compare", node, text=unparse(value), equal=equal)
            return
        for call, other in ((left, right), (right, left)):
            if self._is_type_call(call) and type(other) in (ast.Name, ast.Attribute) and not self._is_type_call(other):
                self._add("type-compare", node, value=unparse(call.args[0]), type=dotted_str(other), equal=equal)
                return

    def _is_type_call(self, node: ast.expr) -> bool:
        return (type(node) is ast.Call and type(node.func) is ast.Name and node.func.id == "type"
                and len(node.args) == 1 and not node.keywords and "type" not in self.shadowed)

    def _keys(self, node: ast.Compare, left: ast.expr, right: ast.expr) -> None:
        if not (type(right) is ast.Call and type(right.func) is ast.Attribute and right.func.attr == "keys"
                and not right.args and not right.keywords):
            return
        receiver = dotted_str(right.func.value)
        if receiver and self._is_dict(receiver):
            self._add("keys-membership", node, key=unparse(left), mapping=receiver,
                      negated=type(node.ops[0]) is ast.NotIn)

    def _is_dict(self, receiver: str) -> bool:
        if receiver == "os.environ":
            return True
        if "." in receiver or "[]" in receiver:
            return False
        func = self.function
        if func is not None:
            for param in func.params:
                if param.name == receiver:
                    return param.annotation.split("[", 1)[0] in _DICT_WORDS
            if receiver in func.local_types:
                return _dict_value(func.local_types[receiver])
            if receiver in func.extra.get("rebound", ()):
                return False
        assign = self.facts.assigns.get(receiver)
        return assign is not None and (_dict_value(assign.value)
                                       or assign.annotation.split("[", 1)[0] in _DICT_WORDS)

    # ----- loops -------------------------------------------------------------------------------
    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self._range_len(node, node.target, node.iter, node.body)
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def _range_len(self, node: ast.AST, target: ast.expr, iterable: ast.expr, body: list[ast.AST]) -> None:
        seq = self._range_of_len(iterable)
        if seq is None or type(target) is not ast.Name:
            return
        index = target.id
        subscripts = names = stores = 0
        for sub in descendants(body):
            kind = type(sub)
            if kind is ast.Subscript and type(sub.slice) is ast.Name and sub.slice.id == index:
                if dotted_str(sub.value) != seq or type(sub.ctx) is ast.Del:
                    return  # `ys[i]` is parallel iteration (zip); `del xs[i]` shifts the items
                subscripts += 1
                stores += type(sub.ctx) is ast.Store
            elif kind is ast.Name and sub.id == index:
                names += 1
            elif kind is ast.Call and type(sub.func) is ast.Attribute and sub.func.attr in _LENGTH_CHANGERS \
                    and dotted_str(sub.func.value) == seq:
                return  # the loop changes the length: the index loop is deliberate
            elif kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda):
                return
        if subscripts and names == subscripts:  # every use of `i` is the slice of an `xs[i]`
            self._add("range-len", node, index=index, seq=seq, stores=stores > 0)

    def _range_of_len(self, iterable: ast.expr) -> str | None:
        """`xs` for `range(len(xs))` with the builtins, else None."""
        if not (type(iterable) is ast.Call and type(iterable.func) is ast.Name and iterable.func.id == "range"
                and len(iterable.args) == 1 and not iterable.keywords):
            return None
        inner = iterable.args[0]
        if not (type(inner) is ast.Call and type(inner.func) is ast.Name and inner.func.id == "len"
                and len(inner.args) == 1 and not inner.keywords) or self.shadowed & {"range", "len"}:
            return None
        return dotted_str(inner.args[0]) or None

    # ----- defaults ----------------------------------------------------------------------------
    def _defaults(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        args = node.args
        positional = args.posonlyargs + args.args
        pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults, strict=True))
        pairs += [(arg, default) for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)
                  if default is not None]
        for arg, default in pairs:
            if is_mutable_value(default) and not isinstance(default, (ast.ListComp, ast.DictComp, ast.SetComp)):
                how = _shared_use(node, arg.arg)
                if how[0] in ("mutated", "stored") and _cache_name(arg.arg):
                    how = ("cache", how[1])  # `def synopsis(path, cache={})`: memoisation on purpose
                self.found.append(Idiom("mutable-default", default.lineno, default.end_lineno or default.lineno,
                                        self._qualname() or node.name,
                                        {"param": arg.arg, "default": unparse(default), "how": how[0],
                                         "how_line": how[1], "annotation": unparse(arg.annotation)
                                         if arg.annotation is not None else "", "function": node.name}))


def _shared_use(func: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> tuple[str, int]:
    """How the function lets the default object outlive the call: ("mutated" | "stored" |
    "returned", first line), the first of these kinds that occurs; ("rebound", 0) when it
    binds the name anew (`items = list(items)`: what happens next is on a copy); ("", 0)
    when it only reads it."""
    found: dict[str, int] = {}
    nodes = descendants(func.body)
    augmented = {id(node.target) for node in nodes if type(node) is ast.AugAssign}
    for node in nodes:
        kind = type(node)
        if kind is ast.Name and node.id == param and type(node.ctx) is not ast.Load and id(node) not in augmented:
            return ("rebound", 0)
        how = _use(node, kind, param)
        if how:
            found[how] = min(found.get(how, node.lineno), node.lineno)
    for how in ("mutated", "stored", "returned"):
        if how in found:
            return (how, found[how])
    return ("", 0)


def _use(node: ast.AST, kind: type, param: str) -> str:
    if kind is ast.Call and type(node.func) is ast.Attribute and node.func.attr in _MUTATORS \
            and _is_name(node.func.value, param):
        return "mutated"
    if kind is ast.Subscript and _is_name(node.value, param) and type(node.ctx) is not ast.Load:
        return "mutated"
    if kind is ast.AugAssign and _is_name(node.target, param):
        return "mutated"  # `items += [...]` extends the same object in place
    if kind is ast.Assign and _is_name(node.value, param) and any(type(t) is ast.Attribute for t in node.targets):
        return "stored"
    if kind in (ast.Return, ast.Yield) and node.value is not None and _is_name(node.value, param):
        return "returned"
    return ""


def _cache_name(name: str) -> bool:
    bare = name.lstrip("_").lower()
    return bare in ("cache", "memo", "memory", "registry") or bare.endswith(("_cache", "_memo"))


def _is_name(node: ast.AST | None, name: str) -> bool:
    return type(node) is ast.Name and node.id == name


def _is_none(node: ast.expr) -> bool:
    return type(node) is ast.Constant and node.value is None


def _dict_value(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    return value.get("literal") in ("dict", "dictcomp") or value.get("call") in _DICT_CALLS

"""Whether a loop needs the copy it iterates over (`for k in list(d)`): the body changes the
collection, can be suspended while another task does, or hands its items or a remover to code
that may. The copy-for-iteration smell asks here before it reports."""
from __future__ import annotations

import ast

from ...facts.visitor import descendants
from ...model.exits import CALLBACK_REMOVALS
from ._scan_state import _names, _Scope


DICT_MUTATORS = frozenset({"pop", "popitem", "clear", "update", "setdefault", "__setitem__", "__delitem__"})
# verbs of a method that takes an entry out of a collection (`remove_position`, `_clear_transition`)
_REMOVAL_VERBS = frozenset({"remove", "pop", "delete", "del", "discard", "clear", "drop", "evict", "unregister",
                            "unsubscribe", "forget"})


def removes_item(node: ast.For | ast.AsyncFor) -> bool:
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


def copied_collection(it: ast.expr) -> ast.expr | None:
    """`d` for `list(d)` / `tuple(d.keys())`: the collection a loop copies to iterate, when it is
    a name or an attribute; None otherwise."""
    if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id in ("list", "tuple")
            and len(it.args) == 1):
        return None
    inner = it.args[0]
    base = inner.func.value if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and \
        inner.func.attr in ("keys", "items", "values") else inner
    return base if isinstance(base, (ast.Name, ast.Attribute)) else None


def changes_or_waits(body: list[ast.stmt], text: str) -> bool:
    """The loop body changes the collection written `text` (a mutating method, a store or delete
    by key) or can be suspended while another task does: the copy is needed."""
    for stmt in body:
        for sub in ast.walk(stmt):
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and \
                    ast.unparse(sub.func.value) == text and sub.func.attr in DICT_MUTATORS | {
                    "append", "remove", "extend", "insert", "add", "discard"}:
                return True
            if isinstance(sub, (ast.Subscript,)) and isinstance(sub.ctx, (ast.Store, ast.Del)) and \
                    ast.unparse(sub.value) == text:
                return True
            if isinstance(sub, (ast.Yield, ast.YieldFrom, ast.Await)):
                return True  # the loop can be suspended: another task may change the collection
    return False


def handed_remover(scope: _Scope, name: str) -> bool:
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


def self_call_lines(body: list[ast.stmt]) -> list[int]:
    """The lines of the `self.method(...)` calls in a loop body, in order."""
    return sorted({sub.lineno for stmt in body for sub in ast.walk(stmt) if type(sub) is ast.Call
                    and type(sub.func) is ast.Attribute and type(sub.func.value) is ast.Name
                    and sub.func.value.id == "self"})

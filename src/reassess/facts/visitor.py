"""A faster `ast.NodeVisitor`, and fast walks, for the passes that run on every file in the workers.

`ast.NodeVisitor` looks its method up by name and lists a node's fields through
`ast.iter_fields` at every node; on a whole tree that overhead costs more than the
visiting itself. `FastVisitor` keeps the same contract (a `visit_<Type>` method when one
is defined, `generic_visit` otherwise) with the method found once per class and node type
and the fields read directly. It never visits contexts and operators, and it skips names
and constants unless the subclass visits them. It does not inherit `ast.NodeVisitor`,
whose `visit_Constant` would otherwise be found for every constant.
"""
from __future__ import annotations

import ast
from typing import Any, Callable, ClassVar, Iterator

# Node types with nothing below them worth visiting (a name's only child is its context).
LEAVES = (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop, ast.Name, ast.Constant, ast.Pass,
          ast.Break, ast.Continue, ast.Global, ast.Nonlocal, ast.alias)


class FastVisitor:
    """`ast.NodeVisitor` with the method lookup cached per node type (see the module docstring)."""

    _table: ClassVar[dict[type, Callable[[Any, ast.AST], Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._table = {}  # one table per visitor class: the methods differ

    def visit(self, node: ast.AST) -> Any:
        method = self._table.get(type(node)) or self._method_for(type(node))
        return method(self, node)

    @classmethod
    def _method_for(cls, kind: type) -> Callable[[Any, ast.AST], Any]:
        """The visit function of a node type, found once per visitor class and type; values
        that are not nodes (None, text in a list of names) are skipped like leaves."""
        method = getattr(cls, "visit_" + kind.__name__, None) if issubclass(kind, ast.AST) else _skip
        if method is None:
            method = _skip if issubclass(kind, LEAVES) else cls.generic_visit
        cls._table[kind] = method
        return method

    def generic_visit(self, node: ast.AST) -> None:
        """Visit the children, dispatching here rather than through `visit` (one call less
        per node, and none for leaves)."""
        table = self._table
        for field_name in CHILD_FIELDS[type(node)]:
            value = getattr(node, field_name, None)
            if type(value) is list:
                for item in value:
                    method = table.get(type(item)) or self._method_for(type(item))
                    if method is not _skip:
                        method(self, item)
            else:
                method = table.get(type(value)) or self._method_for(type(value))
                if method is not _skip:
                    method(self, value)


def _skip(visitor: Any, node: ast.AST) -> None:
    return None


# Fields that never hold a node worth visiting: contexts, operators, and names, numbers and
# text (`Name.id`, `FunctionDef.name`, `ImportFrom.level`, ...).
_SKIPPED_FIELDS = frozenset({"ctx", "op", "ops", "type_comment", "kind", "id", "attr", "arg", "asname", "name",
                             "module", "level", "is_async", "conversion", "rest", "kwd_attrs", "simple", "tag"})


class _FieldTable(dict):
    """Node type -> the fields that can hold nodes worth visiting, filled on first look-up
    (`table[kind]` costs one dict access, also for the many types with no such field)."""

    def __missing__(self, kind: type) -> tuple[str, ...]:
        fields = self[kind] = tuple(f for f in kind._fields if f not in _SKIPPED_FIELDS)
        return fields


CHILD_FIELDS: dict[type, tuple[str, ...]] = _FieldTable()


def child_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node type that can hold nodes worth visiting."""
    return CHILD_FIELDS[kind]


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """`ast.iter_child_nodes` (same order) without contexts and operators, as a list."""
    out: list[ast.AST] = []
    _add_children(node, out)
    return out


def _add_children(node: ast.AST, out: list[ast.AST]) -> None:
    """Append the node's children (as `child_nodes` lists them) to `out`: the walks below call
    this once per node, with no list made and returned per node."""
    for name in CHILD_FIELDS[type(node)]:
        value = getattr(node, name, None)
        if type(value) is list:
            if value:
                out += [item for item in value if isinstance(item, ast.AST)]
        elif isinstance(value, ast.AST):
            out.append(value)


def walk(node: ast.AST) -> list[ast.AST]:
    """`ast.walk` (same breadth-first order) without contexts and operators, as a list."""
    found = [node]
    for current in found:  # the list grows while it is read: a queue without pops
        _add_children(current, found)
    return found


def descendants(roots: list) -> list[ast.AST]:
    """Every node of the subtrees under `roots` (the roots included) except contexts and
    operators, in no particular order: `ast.walk` for questions that only collect or test
    nodes, at a fraction of its cost."""
    stack = list(roots)
    found: list[ast.AST] = []
    while stack:
        node = stack.pop()
        found.append(node)
        _add_children(node, stack)
    return found


def contains(roots: list, kinds: type | tuple[type, ...]) -> bool:
    """Whether a node of `kinds` is in the subtrees under `roots`, stopping at the first."""
    stack = list(roots)
    while stack:
        node = stack.pop()
        if isinstance(node, kinds):
            return True
        _add_children(node, stack)
    return False


SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def own_nodes(roots: list) -> list[ast.AST]:
    """Every node under `roots` (the roots included) outside the functions, lambdas and classes
    nested in them: a nested definition is listed itself, not what it holds. No particular order."""
    stack = list(roots)
    found: list[ast.AST] = []
    while stack:
        node = stack.pop()
        found.append(node)
        if not isinstance(node, SCOPES):
            _add_children(node, stack)
    return found


def own_statements(body: list[ast.stmt], handlers: bool = False) -> Iterator[ast.stmt]:
    """The statements of `body` in source order, nested blocks included (with `handlers`, the
    bodies of `except` clauses too, after the `finally`); nested scopes are listed, not entered."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, SCOPES):
            continue
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, name, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                yield from own_statements(inner, handlers)
        if handlers:
            for handler in getattr(stmt, "handlers", ()):
                yield from own_statements(handler.body, handlers)

"""Whether a deep copy of a whole collection is only ever filtered: every use of it is the
iterable of a comprehension that keeps some items (`[d for d in snapshot if d.day >= since]`)
or of a loop whose body starts by skipping items. The items dropped were copied for nothing."""
from __future__ import annotations

import ast

_VIEWS = frozenset({"items", "values"})


def filtered_only(func: ast.AST, name: str) -> ast.AST | None:
    """The comprehension or loop that filters `name` (bound once, to the copy), when that is
    all the function does with it; None otherwise."""
    parents = parents_of(func)
    stores, reads = _uses(func, name)
    filters = []
    for node in reads:
        found = _filter_over(node, parents)
        if found is None:
            return None
        filters.append(found)
    return filters[0] if stores == 1 and len(filters) == 1 else None


def parents_of(func: ast.AST) -> dict[int, ast.AST]:
    """Each node of `func` (by id) -> its parent."""
    return {id(child): node for node in ast.walk(func) for child in ast.iter_child_nodes(node)}


def _uses(func: ast.AST, name: str) -> tuple[int, list[ast.Name]]:
    """(how many times `func` binds `name`, its reads in walk order)."""
    stores, reads = 0, []
    for node in ast.walk(func):
        if type(node) is ast.Name and node.id == name:
            if type(node.ctx) is not ast.Load:
                stores += 1
            else:
                reads.append(node)
    return stores, reads


def _filter_over(node: ast.Name, parents: dict[int, ast.AST]) -> ast.AST | None:
    """The filtering comprehension or loop `node` (or `node.items()`) is the iterable of."""
    iterable: ast.AST = node
    parent = parents.get(id(node))
    if type(parent) is ast.Attribute and parent.attr in _VIEWS:
        call = parents.get(id(parent))
        if not (type(call) is ast.Call and call.func is parent and not call.args and not call.keywords):
            return None
        iterable, parent = call, parents.get(id(call))
    if type(parent) is ast.comprehension and parent.iter is iterable and not parent.is_async:
        comp = parents.get(id(parent))
        targets = _names(parent.target)
        if comp is not None and comp.generators[0] is parent and len(comp.generators) == 1 \
                and any(_names(cond) & targets for cond in parent.ifs):
            return comp
        return None
    if type(parent) is ast.For and parent.iter is iterable and _skips(parent):
        return parent
    return None


def _skips(loop: ast.For) -> bool:
    """The body keeps only some items: `if not wanted: continue` first, or one `if` around it all."""
    first = loop.body[0]
    if type(first) is not ast.If or first.orelse or not _names(first.test) & _names(loop.target):
        return False
    return len(loop.body) == 1 or (len(first.body) == 1 and type(first.body[0]) is ast.Continue)


def _names(node: ast.AST) -> set[str]:
    return {sub.id for sub in ast.walk(node) if type(sub) is ast.Name}


def copy_kept(comp: ast.AST, source: ast.expr, name: str) -> str:
    """The comprehension rewritten to filter `source` and deep-copy only what it keeps."""
    if isinstance(comp, ast.For):
        target, test = ast.unparse(comp.target), ast.unparse(comp.body[0].test)
        item = target if type(comp.target) is ast.Name else "item"
        head = f"for {target} in {ast.unparse(source)}:\n        if {test}:\n"
        if len(comp.body) == 1:
            return head + f"            ...  # copy.deepcopy({item}) here, only for the items kept"
        return head + f"            continue\n        ...  # copy.deepcopy({item}) here, only for the items kept"
    if not isinstance(comp, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
        return ""
    rewritten = _Swap(name, source).visit(ast.parse(ast.unparse(comp), mode="eval").body)
    wrap = lambda value: ast.Call(ast.Attribute(ast.Name("copy", ast.Load()), "deepcopy", ast.Load()), [value], [])
    if isinstance(rewritten, ast.DictComp):
        rewritten.value = wrap(rewritten.value)
    else:
        rewritten.elt = wrap(rewritten.elt)
    return ast.unparse(rewritten)


class _Swap(ast.NodeTransformer):
    def __init__(self, name: str, source: ast.expr) -> None:
        self.name, self.source = name, source

    def visit_Name(self, node: ast.Name) -> ast.expr:
        return self.source if node.id == self.name else node


def one_entry_read(func: ast.AST, copy: ast.Call, name: str) -> ast.expr | None:
    """`name[key]` or `name.get(key)` when that is the only read of `name` (bound once, to a
    copy of stored state) in `func`, in the statement right after the copy (nothing can change
    the original in between): the whole container was copied for one entry. None otherwise."""
    if not copy.args or type(copy.args[0]) not in (ast.Attribute, ast.Subscript, ast.Name):
        return None
    stores, reads = _uses(func, name)
    if stores != 1 or len(reads) != 1:
        return None
    parents = parents_of(func)
    if not _next_statement(copy, reads[0], parents):
        return None
    parent = parents.get(id(reads[0]))
    if type(parent) is ast.Subscript and type(parent.ctx) is ast.Load and type(parent.slice) is not ast.Slice:
        return parent
    call = parents.get(id(parent))
    if type(parent) is ast.Attribute and parent.attr == "get" and type(call) is ast.Call and call.func is parent \
            and call.args:
        return call
    return None


def only_measured(func: ast.AST, name: str) -> bool:
    """Every read of `name` (bound once, to a copy) in `func` is `len(name)`: the copy is kept
    only for its size, which `len()` of the original at the copy gives without copying anything,
    whatever happens to the original afterwards."""
    stores, reads = _uses(func, name)
    if stores != 1 or not reads:
        return False
    parents = parents_of(func)
    for read in reads:
        call = parents.get(id(read))
        if not (type(call) is ast.Call and type(call.func) is ast.Name and call.func.id == "len"
                and call.args == [read] and not call.keywords):
            return False
    return True


def _next_statement(first: ast.AST, later: ast.AST, parents: dict[int, ast.AST]) -> bool:
    """`later` sits in the statement that directly follows the one holding `first`."""
    head = first
    while not isinstance(head, ast.stmt) and id(head) in parents:
        head = parents[id(head)]
    container = parents.get(id(head))
    body = next((b for b in (getattr(container, f, None) for f in ("body", "orelse", "finalbody"))
                 if isinstance(b, list) and head in b), None)
    if body is None or body.index(head) + 1 >= len(body):
        return False
    following, node = body[body.index(head) + 1], later
    while node is not None and node is not following:
        node = parents.get(id(node))
    return node is following

"""Assignments, imports and stores: module names (`Assign`), locals and their first values,
`self.x`/`app.state.x`, writes into containers and attributes (extra["stores"]).
"""
from __future__ import annotations

import ast

from .. import gated
from ..guards import version_outcome
from ..types import Assign, FunctionFacts, ImportFact
from ..values import annotation_text, dotted, dotted_str, is_mutable_value, value_of
from .state import WalkState


# Library calls returning a fixed tuple of objects: `reader, writer = await asyncio.open_connection(...)`
# types each name (also through `await asyncio.wait_for(open_connection(...), 5)`).
_STREAMS = ("asyncio.StreamReader", "asyncio.StreamWriter")

_TUPLE_RETURNS = {"asyncio.open_connection": _STREAMS, "asyncio.open_unix_connection": _STREAMS,
                  "open_connection": _STREAMS, "open_unix_connection": _STREAMS}


def imported_names(node: ast.Import | ast.ImportFrom) -> list[tuple[str, dict]]:
    """(name bound, the import as a value the resolver follows) of each name an import statement
    binds: `import a.b` binds `a`, `import a.b as c` binds `c` to `a.b`; a `*` binds none it names."""
    if isinstance(node, ast.Import):
        return [(a.asname, {"import": a.name, "name": "", "level": 0}) if a.asname else
                (a.name.split(".")[0], {"import": a.name.split(".")[0], "name": "", "level": 0}) for a in node.names]
    return [(a.asname or a.name, {"import": node.module or "", "name": a.name, "level": node.level})
            for a in node.names if a.name != "*"]


class BindingFacts(WalkState):
    """Records what each statement binds or stores."""

    # ----- imports -------------------------------------------------------------------------
    def _local_imports(self, node: ast.Import | ast.ImportFrom) -> None:
        """An import inside a function binds local names; the resolver follows them from here."""
        for bound, value in imported_names(node):
            self._bound_here(bound)
            if self.frame.facts is not None:
                self.frame.facts.local_types[bound] = value

    def visit_Import(self, node: ast.Import) -> None:
        self._local_imports(node)
        for alias in node.names:
            self.facts.imports.append(ImportFact(
                module=alias.name, name="", alias=alias.asname or "", line=node.lineno,
                in_function=self.in_function, type_checking=self.type_checking, main_guard=self.main_guard,
            ))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self._local_imports(node)
        for alias in node.names:
            if alias.name == "*":
                self.facts.has_star_import = True
            self.facts.imports.append(ImportFact(
                module=node.module or "", name=alias.name, alias=alias.asname or "", line=node.lineno,
                level=node.level, in_function=self.in_function, type_checking=self.type_checking,
                main_guard=self.main_guard,
            ))

    # ----- bindings ------------------------------------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Subscript):
            self.frame.item_stores.append(node)
        for target in node.targets:
            self._bind(target, node.value, "")
        self.visit(node.value)
        for target in node.targets:
            if not isinstance(target, ast.Name):
                self.visit(target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._bind(node.target, node.value, annotation_text(node.annotation))
        self._annotations([node.annotation])
        if node.value is not None:
            self.visit(node.value)

    def _bind(self, target: ast.expr, value: ast.expr | None, annotation: str) -> None:
        """Record what an assignment binds: module names, locals, `self.x` and `app.state.x`."""
        if isinstance(target, (ast.Subscript, ast.Attribute)):
            self._store(target, "set", value)
        if isinstance(target, ast.Name):
            self._bound_here(target.id)
            if self.frame.facts is not None:
                _bind_local(self.frame.facts, target, value, annotation)
            elif not self.scopes:
                self._bind_module(target, value, annotation)
                flag = version_outcome(value, self.version_flags) if value is not None else None
                if flag is not None:
                    self.version_flags[target.id] = flag
        elif isinstance(target, ast.Attribute):
            self._bind_attribute(target, value, annotation)
        elif isinstance(target, (ast.Tuple, ast.List)):
            self._bind_unpacked(target, value)

    def _bind_unpacked(self, target: ast.Tuple | ast.List, value: ast.expr | None) -> None:
        """`state.a, state.b = a, b` binds each name to its own value; `reader, writer = await
        asyncio.open_connection(...)` types each name by its position in what the library returns."""
        values = value.elts if isinstance(value, (ast.Tuple, ast.List)) else []
        paired = len(values) == len(target.elts) and not any(isinstance(v, ast.Starred) for v in values)
        types = () if paired else _TUPLE_RETURNS.get(_unwrapped_callee(value), ())
        if len(types) != len(target.elts):
            types = ("",) * len(target.elts)
        for position, elt in enumerate(target.elts):
            self._bind(elt, values[position] if paired else None, types[position])
        if not paired and value is not None and self.frame.facts is not None:
            _unpacked_call(self.frame.facts, target, value)
            _unpacked_lookup(self.frame.facts, target, value)

    def _bind_module(self, target: ast.Name, value: ast.expr | None, annotation: str) -> None:
        if self.type_checking:  # `if TYPE_CHECKING: app: App`: what checkers see, not what runs
            self.facts.extra.setdefault("checker_only", []).append(target.id)
        if self.main_guard:  # bound only in the process started as a script (`python server.py`)
            self.facts.extra.setdefault("script_only", []).append(target.id)
        if target.id in self.facts.assigns:  # `if REDIS: POOL = RedisDict() else: POOL = {}`
            self.facts.extra.setdefault("rebinds", {}).setdefault(target.id, []).append(value_of(value))
        self.facts.assigns.setdefault(target.id, Assign(
            name=target.id, line=target.lineno, value=value_of(value), annotation=annotation,
            mutable=value is not None and is_mutable_value(value),
            end_line=getattr(value, "end_lineno", 0) or target.lineno,
            is_none=type(value) is ast.Constant and value.value is None,
        ))
        if target.id == "__all__" and isinstance(value, (ast.List, ast.Tuple)):
            self.facts.dunder_all = [e.value for e in value.elts
                                     if isinstance(e, ast.Constant) and isinstance(e.value, str)]

    def _bind_attribute(self, target: ast.Attribute, value: ast.expr | None, annotation: str) -> None:
        """`self.x = ...` (in methods) and `app.state.x = ...` (anywhere)."""
        func = self.frame.facts
        chain = dotted(target)
        if not chain:
            return
        if func is not None and len(chain) == 2 and chain[0] == "self":
            stored = value_of(value) if value is not None else None
            if annotation and not isinstance(stored, dict):
                stored = {"ann": annotation}
            if chain[1] not in func.self_attrs or isinstance(stored, dict):
                func.self_attrs[chain[1]] = stored
        elif len(chain) >= 3 and chain[1] == "state":
            owner = func.extra if func is not None else self.facts.extra
            owner.setdefault("state_assigns", []).append((".".join(chain), value_of(value), target.lineno))
        elif func is not None and len(chain) == 2 and _state_alias(func.local_types.get(chain[0])):
            # `st = app.state; st.x = ...` stores on app.state just the same
            stored = f"{func.local_types[chain[0]]['ref']}.{chain[1]}"
            func.extra.setdefault("state_assigns", []).append((stored, value_of(value), target.lineno))

    def _store(self, target: ast.expr, kind: str, value: ast.expr | None = None) -> None:
        """A write into a container or attribute: `X[k] = v`, `obj.attr = v`, `X[k] += 1`, `del X[k]`;
        `tuple` when the value written is a tuple display (`X[k] = (info, time.time())`)."""
        func = self.frame.facts
        base = target.value if isinstance(target, ast.Subscript) else target
        name = dotted_str(base)
        if func is not None and name:
            store = {"target": name, "line": target.lineno, "kind": kind, "item": isinstance(target, ast.Subscript)}
            if isinstance(value, ast.Tuple):
                store["tuple"] = True
                # `subs[k] = (topic, queue)`: the locals filed with the entry
                store["elements"] = [e.id for e in value.elts if isinstance(e, ast.Name)]
            elif isinstance(value, ast.Constant) and isinstance(value.value, str) and not store["item"]:
                store["const"] = value.value  # `job.status = "failed"`: a status recorded on the item
            elif isinstance(value, ast.Constant) and (value.value is None or type(value.value) is bool) \
                    and not store["item"]:
                store["scalar"] = value.value  # `self._running = False`, `self.db = None`: a flag or a cleared handle
            elif store["item"] and kind == "set" and isinstance(value, (ast.Name, ast.Attribute, ast.Call, ast.Await)):
                store["value"] = value_of(value)  # `ENGINES[key] = engine`: what a later `ENGINES[key]` gives back
            elif kind == "set" and not store["item"] and isinstance(value, ast.Name):
                store["assigned"] = value.id  # `cls._engine = engine`: the local kept on the object
            if store["item"] and isinstance(target, ast.Subscript):
                store["key"] = value_of(target.slice)  # what the entry is keyed by
            elif kind == "set" and type(target) is ast.Attribute and target.attr == "status_code" \
                    and value is not None:
                store["status"] = value_of(value)  # `response.status_code = 401`: the status answered
            func.extra.setdefault("stores", []).append(store)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            if self.frame.facts is not None:
                self.frame.facts.extra.setdefault("stores", []).append(
                    {"target": node.target.id, "line": node.lineno, "kind": "aug", "item": False})
            self._use(node.target.id, node.target)  # `x += 1` reads x first: it binds nothing new
            self.scope_names.bind(self.frame.facts, not self.scopes, node.target.id)  # (but makes x local)
            self._aug_local(node.target)
            self.visit(node.value)
            return
        self._store(node.target, "aug")
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            if isinstance(target, (ast.Subscript, ast.Attribute)):
                self._store(target, "del")
        self.generic_visit(node)

    def _aug_local(self, target: ast.Name) -> None:
        """`x += 1` in a function that never bound `x` before and does not declare it global:
        `x` is local there, so the read raises UnboundLocalError (extra["unbound_aug"])."""
        func = self.frame.facts
        if func is None or self.name_guard:
            return
        declared = set(func.extra.get("globals", ())) | set(func.extra.get("nonlocals", ()))
        if target.id not in func.local_types and target.id not in declared \
                and all(p.name != target.id for p in func.params):
            func.extra.setdefault("unbound_aug", []).append((target.id, target.lineno, target.col_offset))
        func.local_types.setdefault(target.id, None)


def _state_alias(bound: object) -> bool:
    """A local bound to `app.state` (or `request.app.state`): `st = app.state`."""
    return isinstance(bound, dict) and str(bound.get("ref", "")).endswith(".state")


def module_literal_sizes(tree: ast.Module) -> dict[str, int]:
    """Module names bound once to a written-out collection of constants (`KINDS = {"a", "b"}`):
    how many values each holds."""
    found: dict[str, int | None] = {}
    for stmt in tree.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else \
            stmt.target if isinstance(stmt, ast.AnnAssign) else None
        if isinstance(target, ast.Name):
            found[target.id] = None if target.id in found else gated.literal_size(stmt.value)
    return {name: size for name, size in found.items() if size is not None}


def _unwrapped_callee(value: ast.expr | None) -> str:
    """The dotted callee of `f(...)`, `await f(...)` or `await asyncio.wait_for(f(...), t)`."""
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return ""
    name = dotted_str(value.func) or ""
    if name.rsplit(".", 1)[-1] == "wait_for" and value.args:
        return _unwrapped_callee(value.args[0])
    return name


def _unpacked_call(func: FunctionFacts, target: ast.Tuple | ast.List, value: ast.expr) -> None:
    """`balance, held = await ledger.balance(account_id)`: each name holds part of one call's
    result (extra["unpacked"], name -> the call, its line and the name's position in the tuple),
    so a check of either is a check of what that call read."""
    bound = value_of(value)
    if isinstance(bound, dict) and "call" in bound:
        unpacked = func.extra.setdefault("unpacked", {})
        for index, elt in enumerate(target.elts):
            if isinstance(elt, ast.Name):
                unpacked.setdefault(elt.id, {**bound, "index": index})


def _unpacked_lookup(func: FunctionFacts, target: ast.Tuple | ast.List, value: ast.expr) -> None:
    """`job, interval = JOBS[name]` (`JOBS.get(name)`, `_jobs()[name]`): each name holds one element of
    the registry value the lookup picks, as {"element_of": the lookup's value, "element": position},
    so the callable a registry of `(job, interval)` tuples holds is followed like `job = JOBS[name]`.
    Only a name this statement is the first to bind gets it (as `_bind_local` keeps the first value)."""
    if type(value) is not ast.Subscript and not (type(value) is ast.Call and type(value.func) is ast.Attribute
                                                 and value.func.attr == "get" and len(value.args) == 1):
        return
    bound = value_of(value)
    if bound is None or isinstance(bound, dict) and bound.get("call") == "":
        bound = _picked_item(value)
    if not isinstance(bound, dict):
        return
    for index, elt in enumerate(target.elts):
        if type(elt) is ast.Name and func.local_types.get(elt.id, None) is None and \
                elt.id not in func.extra.get("rebound", ()):
            func.local_types[elt.id] = {"element_of": bound, "element": index, "line": value.lineno}


def hash_bucket(func: FunctionFacts, node: ast.BinOp, local: str) -> None:
    """`return hash(key) % shards`, `shard = hash(key) % shards` (extra["hash_buckets"]): a bucket
    number from the builtin `hash()`, returned or kept in a local (`local`). Not one indexing a
    container in place (`locks[hash(k) % len(locks)]`) nor taken modulo a `len()`: those pick among
    this process's own objects."""
    left, right = node.left, node.right
    if type(node.op) is not ast.Mod or type(left) is not ast.Call or type(left.func) is not ast.Name \
            or left.func.id != "hash" or len(left.args) != 1 or left.keywords:
        return
    if type(right) is ast.Call and type(right.func) is ast.Name and right.func.id == "len":
        return
    func.extra.setdefault("hash_buckets", []).append(
        {"line": node.lineno, "hashed": value_of(left.args[0]), "local": local})


def _picked_item(value: ast.expr | None) -> dict | None:
    """`job = _registry()[name]`, `job = jobs_for(kind).get(name)`: one value of what a call returns,
    as {"picked": callee, "line": n}, so that a registry a function builds and returns is followed
    like a module-level one (the plain value forms keep nothing for an item of a call's result)."""
    if type(value) is ast.Subscript:
        made = value.value
    elif type(value) is ast.Call and type(value.func) is ast.Attribute and value.func.attr == "get" \
            and len(value.args) == 1:
        made = value.func.value
    else:
        return None
    name = dotted_str(made.func) if type(made) is ast.Call else ""
    return {"picked": name, "line": value.lineno} if name else None


def _either_pick(value: ast.expr | None) -> dict | None:
    """`runner = _stream if name == "stream" else WORKERS[name]`: one of two values, one of them picked
    from a registry by key, as {"either": [value, value], "line": n}, so that the call of the local
    is followed into the registry. Other conditional values stay unknown."""
    if type(value) is not ast.IfExp:
        return None
    branches = (value.body, value.orelse)
    if not any(_lookup(branch) for branch in branches):
        return None
    return {"either": [value_of(branch, deep=False) or _picked_item(branch) for branch in branches],
            "line": value.lineno}


def _lookup(node: ast.expr) -> bool:
    """`WORKERS[name]`, `JOBS.get(name)`, `_jobs()[name]`: a value looked up by key."""
    if type(node) is ast.Subscript:
        return True
    return type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "get" \
        and len(node.args) == 1


def _bind_local(func: FunctionFacts, target: ast.Name, value: ast.expr | None, annotation: str) -> None:
    if type(value) is ast.BinOp:
        hash_bucket(func, value, target.id)
    if target.id in func.extra.get("globals", ()):  # where a `global` name is rebound (extra["global_lines"])
        func.extra.setdefault("global_lines", {}).setdefault(target.id, []).append(target.lineno)
    if target.id in func.local_types:
        func.extra.setdefault("rebound", []).append(target.id)
        func.extra.setdefault("rebound_lines", {}).setdefault(target.id, []).append(target.lineno)
    bound = value_of(value) if value is not None else None
    if bound is None or isinstance(bound, dict) and bound.get("call") == "":
        bound = _picked_item(value) or _either_pick(value) or bound
    if target.id in func.local_types and isinstance(bound, dict) and bound.get("items"):
        # `tasks: list[Task] = []` then `tasks = [create_task(a()), ...]`: what the later binding holds
        func.extra.setdefault("rebound_items", {}).setdefault(target.id, []).append(bound)
    if annotation and not isinstance(bound, dict):
        bound = {"ann": annotation}
    elif annotation and "ann" not in bound:  # `hub: Hub = request.app.state.hub`: the type if the value has none
        bound = {**bound, "declared": annotation}
    func.local_types.setdefault(target.id, bound)

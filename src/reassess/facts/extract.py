"""One walk over a module's tree that produces its `ModuleFacts`.

The walk tracks the context every later question needs (enclosing function and
class, loops, held locks, try blocks, whether a call is awaited or offloaded to a
thread) so that rules and the call graph never walk the tree again.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

from ..knowledge.locks import is_lock_name
from . import cachekeys, fallbacks, gated, kept, literaltests, loopexit, memo, missfill, readonly, readthrough
from .guards import WINDOWS_BUILTINS, is_main_guard, windows_uses
from .querychain import chain_record
from .scopes import ScopeNames
from .types import (
    Assign, CallSite, ClassFacts, Decorator, FunctionFacts, ImportFact, LockUse, ModuleFacts, Param, SqlText,
)
from .values import annotation_text, dotted, dotted_str, is_mutable_value, joined_text, value_of
from .visitor import FastVisitor, contains, descendants, walk

# Callables that run their callable argument in a thread: name -> index of that argument.
OFFLOADERS = {
    "to_thread": 0,
    "run_in_threadpool": 0,
    "run_sync": 0,  # anyio.to_thread.run_sync
    "run_in_executor": 1,
    "submit": 0,  # executor.submit
}
# Callables that take a coroutine and await or schedule it.
CONSUMERS = {
    "gather", "wait_for", "shield", "create_task", "ensure_future", "run", "wait", "as_completed",
    "run_coroutine_threadsafe", "run_until_complete", "timeout", "start_soon", "add_task",
}
# Callables that register their callable argument to run later, not while they are called.
DEFERRERS = frozenset({"add_done_callback", "call_soon", "call_soon_threadsafe", "call_later", "call_at",
                       "add_signal_handler", "add_reader", "add_writer"})
SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|TRUNCATE|MERGE|UPSERT)\b", re.I)
SQL_BODY = re.compile(r"\b(FROM|INTO|SET|TABLE|INDEX|VALUES|WHERE)\b", re.I)


@dataclass
class _Frame:
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


class FactExtractor(FastVisitor):
    """Builds ModuleFacts; see the module docstring."""

    def __init__(self, path: str, module: str, is_package: bool) -> None:
        self.facts = ModuleFacts(path=path, module=module, is_package=is_package)
        self.frame = _Frame(None)
        self.scopes: list[ClassFacts | FunctionFacts] = []
        self.awaited: set[int] = set()
        self.offloaded: set[int] = set()
        self.discarded: set[int] = set()  # ids of calls that are whole expression statements
        self.await_dropped: set[int] = set()  # ids of calls awaited as whole expression statements
        self.used_as: dict[int, str] = {}  # id of a call -> "await", "async-with", "async-for", "for"
        self.type_checking = False
        self.name_guard = 0  # > 0 inside a try whose handlers catch NameError
        self.main_guard = False  # inside a module-level `if __name__ == "__main__":` body
        self.windows_only: set[int] = set()  # ids of `WindowsError` reads in Windows-only branches
        self.in_annotation = False
        self.in_lambda = 0  # > 0 inside a lambda's body (its comparisons are not the function's own)
        self.chained: set[int] = set()  # inner calls of an ORM query chain already recorded
        # attribute chains for `ModuleFacts.attr_refs`, joined in `extract` once the imports are known
        self.attr_chains: list[tuple[tuple[str, ...], int, int, bool]] = []
        self.module_literals: dict[str, int] = {}  # module constants written out as sets of literals: their size
        self.scope_names = ScopeNames()  # per-scope bindings and reads (`scopes`), finished in `extract`

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

    # ----- imports -------------------------------------------------------------------------
    def _local_import(self, bound: str, module: str, name: str, level: int) -> None:
        """An import inside a function binds a local name; the resolver follows it from here."""
        if self.frame.facts is not None:
            self.frame.facts.local_types[bound] = {"import": module, "name": name, "level": level}

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._bound_here(alias.asname or alias.name.split(".")[0])
            if alias.asname:
                self._local_import(alias.asname, alias.name, "", 0)
            else:
                head = alias.name.split(".")[0]
                self._local_import(head, head, "", 0)
            self.facts.imports.append(ImportFact(
                module=alias.name, name="", alias=alias.asname or "", line=node.lineno,
                in_function=self.in_function, type_checking=self.type_checking, main_guard=self.main_guard,
            ))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name == "*":
                self.facts.has_star_import = True
            else:
                self._bound_here(alias.asname or alias.name)
                self._local_import(alias.asname or alias.name, node.module or "", alias.name, node.level)
            self.facts.imports.append(ImportFact(
                module=node.module or "", name=alias.name, alias=alias.asname or "", line=node.lineno,
                level=node.level, in_function=self.in_function, type_checking=self.type_checking,
                main_guard=self.main_guard,
            ))

    def visit_If(self, node: ast.If) -> None:
        test = dotted_str(node.test)
        if test.endswith("TYPE_CHECKING") and not self.in_function:
            previous, self.type_checking = self.type_checking, True
            self.visit(node.test)
            self._walk_body(node.body)
            self.type_checking = previous
            self._walk_body(node.orelse)
            return
        if not self.in_function and not self.scopes and is_main_guard(node.test):
            self._main_block(node)
            return
        self._elif(node, elif_=False)

    def _main_block(self, node: ast.If) -> None:
        """`if __name__ == "__main__":` runs only as a script: its imports are not load-time edges."""
        self.visit(node.test)
        previous, self.main_guard = self.main_guard, True
        self._walk_body(node.body)
        self.main_guard = previous
        self._walk_body(node.orelse)

    def _if_block(self, node: ast.If) -> None:
        """extra["blocks"] entry for an `if` in a coroutine (what its test reads, whether it exits)."""
        detail = _if_detail(node)
        self._block("if", node, **{k: v for k, v in detail.items() if k not in ("kind", "line")})

    def _if_branches(self, node: ast.If, elif_: bool) -> None:
        """An `if` costs 1 plus nesting; an `elif` or `else` costs 1 (SonarSource)."""
        self._cc(1)
        self._cog(1 if elif_ else 1 + self.frame.nesting)
        self.visit(node.test)
        self._nested(node.body)
        orelse = node.orelse
        if len(orelse) == 1 and isinstance(orelse[0], ast.If):
            self._elif(orelse[0])
        elif orelse:
            self._cog(1)
            self._nested(orelse)

    def _elif(self, node: ast.If, elif_: bool = True) -> None:
        """An `if` (or the `elif` an `if` chains to): its block facts, then its branches."""
        self.windows_only |= windows_uses(node)
        func = self.frame.facts
        if func is not None and func.is_async:
            self._if_block(node)
        elif func is not None:
            _path_check(func, node)
            func.extra.setdefault("sync_ifs", []).append(_if_detail(node))
        if func is not None:
            fallbacks.record(func, node)
        self._if_branches(node, elif_=elif_)

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

    def visit_IfExp(self, node: ast.IfExp) -> None:
        if self.frame.facts is not None:
            fallbacks.record(self.frame.facts, node)
        self._decision(1)
        self.visit(node.test)
        self._nested([node.body, node.orelse])

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        self._cc(len(node.values) - 1)
        self._cog(1)
        for value in node.values:
            self.visit(value)

    def visit_Assert(self, node: ast.Assert) -> None:
        self._cc(1)
        counting, self.frame.count_cc = self.frame.count_cc, False
        self.generic_visit(node)
        self.frame.count_cc = counting

    def visit_Match(self, node: ast.Match) -> None:
        wildcard = any(getattr(case.pattern, "pattern", False) is None for case in node.cases)
        self._decision(max(0, len(node.cases) - wildcard))
        self.visit(node.subject)
        self._nested(node.cases)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self._bound_here(node.name)
        self._cog(1 + self.frame.nesting)
        if node.type is not None:
            self.visit(node.type)
        self._nested(node.body)

    # ----- definitions ---------------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._bound_here(node.name)
        self.scope_names.module.update(getattr(t, "name", "") for t in getattr(node, "type_params", ()))
        qualname = self._scope_prefix() + node.name
        facts = ClassFacts(
            qualname=qualname, name=node.name, line=node.lineno, end_line=node.end_lineno or node.lineno,
            bases=[dotted_str(b) or annotation_text(b) for b in node.bases],
            decorators=[self._decorator(d) for d in node.decorator_list],
            has_docstring=ast.get_docstring(node, clean=False) is not None,
            keywords=[k.arg or "**" for k in node.keywords],
        )
        for stmt in node.body:
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        facts.class_attrs[target.id] = value_of(_unwrap_staticmethod(stmt.value))
                        facts.attr_lines[target.id] = stmt.lineno
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                facts.annotations[stmt.target.id] = annotation_text(stmt.annotation)
                if stmt.value is not None:
                    facts.class_attrs[stmt.target.id] = value_of(stmt.value)
                    facts.attr_lines[stmt.target.id] = stmt.lineno
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                facts.methods.append(stmt.name)
        self.facts.classes[qualname] = facts
        for deco in node.decorator_list:
            self.visit(deco)
        for base in node.bases:
            self.visit(base)
        self.scopes.append(facts)
        counting, self.frame.count_cc = self.frame.count_cc, False
        self._walk_body(node.body)
        self.frame.count_cc = counting
        self.scopes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._bound_here(node.name)
        parent = self.scopes[-1] if self.scopes else None
        qualname = self._scope_prefix() + node.name
        if qualname in self.facts.functions:  # a property setter or an alternative definition
            qualname = f"{qualname}@{node.lineno}"
        body = node.body
        has_doc = ast.get_docstring(node, clean=False) is not None
        first_body = body[1] if has_doc and len(body) > 1 else body[0]
        facts = FunctionFacts(
            qualname=qualname, name=node.name, line=node.lineno, end_line=node.end_lineno or node.lineno,
            is_async=isinstance(node, ast.AsyncFunctionDef),
            class_name=parent.qualname if isinstance(parent, ClassFacts) else "",
            decorators=[self._decorator(d) for d in node.decorator_list],
            params=self._params(node.args), returns=annotation_text(node.returns),
            has_docstring=has_doc, is_nested=self.in_function,
            code_lines=(node.end_lineno or node.lineno) - node.lineno + 1, body_line=first_body.lineno,
        )
        self.facts.functions[qualname] = facts
        if isinstance(body[-1], ast.Raise):
            facts.extra["ends_raising"] = True  # the body's last statement raises (`model.exits.never_returns`)
        counting, self.frame.count_cc = self.frame.count_cc, False
        for deco in node.decorator_list:
            self.visit(deco)
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(default)
        args = node.args
        self._annotations([a.annotation for a in args.posonlyargs + args.args + args.kwonlyargs
                           + [args.vararg, args.kwarg] if a is not None] + [node.returns])
        self.frame.count_cc = counting
        self.scopes.append(facts)
        outer_frame, self.frame = self.frame, _Frame(facts)
        for name in [p.name for p in facts.params] + [getattr(t, "name", "") for t in getattr(node, "type_params", ())]:
            self.scope_names.bind(facts, False, name)
        self._walk_body(body)
        stores, self.frame = self.frame.item_stores, outer_frame
        self.frame.item_stores.extend(stores)
        self.scopes.pop()
        _summarise(node, facts, stores, self.module_literals)

    visit_AsyncFunctionDef = visit_FunctionDef

    def _decorator(self, node: ast.expr) -> Decorator:
        if isinstance(node, ast.Call):
            return Decorator(
                func=dotted_str(node.func), line=node.lineno, is_call=True,
                args=tuple(value_of(a) for a in node.args),
                kwargs={k.arg: value_of(k.value) for k in node.keywords if k.arg},
            )
        return Decorator(func=dotted_str(node), line=node.lineno)

    def _params(self, args: ast.arguments) -> list[Param]:
        self._bind_args(args)
        params: list[Param] = []
        positional = [(a, "posonly") for a in args.posonlyargs] + [(a, "pos") for a in args.args]
        n_defaults = len(args.defaults)
        first_default = len(positional) - n_defaults
        for index, (arg, kind) in enumerate(positional):
            default = args.defaults[index - first_default] if index >= first_default else None
            params.append(_param(arg, kind, default))
        if args.vararg:
            params.append(_param(args.vararg, "vararg", None))
        for arg, default in zip(args.kwonlyargs, args.kw_defaults):
            params.append(_param(arg, "kwonly", default))
        if args.kwarg:
            params.append(_param(args.kwarg, "kwarg", None))
        return params

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

    # ----- control flow ----------------------------------------------------------------------
    def _loop(self, node: ast.For | ast.AsyncFor | ast.While) -> None:
        if isinstance(node, ast.While):
            self.visit(node.test)
            iter_name = ""
        else:
            if isinstance(node.iter, ast.Call) and isinstance(node, ast.For):
                self.used_as[id(node.iter)] = "for"
            self.visit(node.iter)
            iter_name = dotted_str(node.iter)
        if self.frame.facts is not None:
            self.frame.facts.loops += 1
            self._loop_info(node)
            self._block("loop", node, forever=isinstance(node, ast.While) and _always_true(node.test),
                        ends_on_success=not isinstance(node, ast.While) or _ends_on_success(node))
        self._decision(1 + bool(node.orelse))
        saved = (self.frame.loop_line, self.frame.loop_iter)
        self.frame.loop_line, self.frame.loop_iter = node.lineno, iter_name
        if not isinstance(node, ast.While):
            self.visit(node.target)
            _loop_value(self.frame.facts, node)
        self._nested(node.body)
        self.frame.loop_line, self.frame.loop_iter = saved
        self._nested(node.orelse)

    visit_For = visit_While = _loop  # visit_AsyncFor (below) counts the await first

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> None:
        first, *rest = node.generators
        self._cc(sum(1 + len(gen.ifs) for gen in node.generators))
        for gen in node.generators:
            self.visit(gen.target)
        for gen in node.generators:
            if isinstance(gen.iter, ast.Call):
                self.used_as[id(gen.iter)] = "async-for" if gen.is_async else "for"
        self.visit(first.iter)
        if self.frame.facts is not None:
            self._loop_info(node)
        saved = (self.frame.loop_line, self.frame.loop_iter)
        self.frame.loop_line, self.frame.loop_iter = node.lineno, dotted_str(first.iter)
        for cond in first.ifs:
            self.visit(cond)
        for gen in rest:
            self.visit(gen.iter)
            for cond in gen.ifs:
                self.visit(cond)
        if isinstance(node, ast.DictComp):
            self.visit(node.key)
            self.visit(node.value)
        else:
            self.visit(node.elt)
        self.frame.loop_line, self.frame.loop_iter = saved

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def _loop_info(self, node: ast.AST) -> None:
        """`extra["loops"][line]`: the loop's kind ("for", "while", "comp"), its iterable (or
        while-test) in literal form and its target, so rules can tell a loop over a constant
        from a loop over rows; "once": the blocks that end the loop (`loopexit.once_spans`)."""
        if isinstance(node, ast.While):
            info = {"kind": "while", "iter": value_of(node.test), "target": ""}
            if _walks_chain(node):
                info["walks"] = True
            live = _liveness_tested(node.test)
            if live:
                info["alive"] = live
            if _drains(node):
                info["drains"] = True
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            info = {"kind": "for", "iter": value_of(node.iter), "target": _target_text(node.target)}
            if _counts_unread(node):
                info["unused"] = True
            if _capped(node):
                info["capped"] = True
        else:
            first = node.generators[0]
            info = {"kind": "comp", "iter": value_of(first.iter), "target": _target_text(first.target)}
        info["end"] = node.end_lineno or node.lineno
        if not isinstance(node, ast.expr):
            once = loopexit.once_spans(node)  # blocks that end the loop: they run once per loop
            if once:
                info["once"] = once
            memoised = memo.memo_spans(node, set(info["target"].split(","))) if info["kind"] == "for" else []
            if memoised:  # blocks run once per distinct key (`if key not in cache: cache[key] = ...`)
                info["memo"] = memoised
        loops = self.frame.facts.extra.setdefault("loops", {})
        known = loops.get(node.lineno)
        if known is None or info["end"] > known["end"]:  # `for k in sorted({...for...}):` keeps the for
            loops[node.lineno] = info

    def visit_Try(self, node: ast.Try) -> None:
        self._cc(len(node.handlers) + bool(node.orelse))
        self._record_try(node)
        saved = self.frame.in_try
        self.frame.in_try = saved or bool(node.handlers)
        guard = any(_catches_name_error(h.type) for h in node.handlers)
        self.name_guard += guard
        self._walk_body(node.body)
        self.name_guard -= guard
        self.frame.in_try = saved
        for handler in node.handlers:
            self.visit(handler)
        self._walk_body(node.orelse)
        self._walk_body(node.finalbody)

    visit_TryStar = visit_Try

    def _with(self, node: ast.With | ast.AsyncWith) -> None:
        pushed: list[str] = []
        entered: list[str] = []
        func = self.frame.facts
        for item in node.items:
            expr = item.context_expr
            is_call = isinstance(expr, ast.Call)
            if is_call and isinstance(node, ast.AsyncWith):
                self.awaited.add(id(expr))  # before the visit records the call
                self.used_as[id(expr)] = "async-with"
            self.visit(expr)
            name = dotted_str(expr.func if is_call else expr)
            self._block("with", node, expr=name if is_call else name or _chain_text(expr),
                        is_async=isinstance(node, ast.AsyncWith))
            if isinstance(item.optional_vars, ast.Name) and func is not None:
                bound = value_of(expr)
                if isinstance(bound, dict) and ("call" in bound or "ref" in bound):
                    bound["entered"] = True  # `with f() as x`: x is what the context manager's __enter__ gives
                func.local_types.setdefault(item.optional_vars.id, bound)
            if name and func is not None:
                self._enter_named(func, node, name, is_call, entered, pushed)
            if item.optional_vars is not None:
                self.visit(item.optional_vars)
        saved, saved_withs = self.frame.locks, self.frame.withs
        self.frame.locks = saved + tuple(pushed)
        self.frame.withs = saved_withs + tuple(entered)
        self._walk_body(node.body)
        self.frame.locks, self.frame.withs = saved, saved_withs
        for _ in pushed:
            self.frame.lock_stack.pop()

    visit_With = visit_AsyncWith = _with

    def _enter_named(self, func: FunctionFacts, node: ast.With | ast.AsyncWith, name: str, is_call: bool,
                     entered: list[str], pushed: list[str]) -> None:
        """A context manager named by a chain (`async with locks.members:`, recorded in
        extra["withs"] so rules can prove a lock by its type) or handed out by a lock-named
        helper (`async with self._driver_lock(driver_id):`); a lock-named chain is also a LockUse."""
        lock_named = is_lock_name(name.split(".")[-1])
        if is_call:  # also a method of a lock registry: `locks.flight(id)`, `user_locks.hold(key)`
            if lock_named or any(is_lock_name(part) for part in name.split(".")[:-1]):
                self._entered(func, f"{name}()", node, entered)
            return
        self._entered(func, name, node, entered)
        if lock_named:
            use = LockUse(expr=name, line=node.lineno, end_line=node.end_lineno or node.lineno,
                          is_async=isinstance(node, ast.AsyncWith), held_outer=self.frame.locks)
            func.locks.append(use)
            self.frame.lock_stack.append(use)
            pushed.append(name)

    def _entered(self, func: FunctionFacts, expr: str, node: ast.With | ast.AsyncWith, entered: list[str]) -> None:
        """Record a context manager entered by name (extra["withs"]) and add it to `entered`."""
        func.extra.setdefault("withs", []).append(
            {"expr": expr, "line": node.lineno, "end": node.end_lineno or node.lineno,
             "async": isinstance(node, ast.AsyncWith), "outer": self.frame.withs + tuple(entered)})
        entered.append(expr)

    # ----- blocks, stores and raises (extra["blocks"], extra["stores"], extra["globals"]) ----
    def _block(self, kind: str, node: ast.AST, end: int = 0, **detail: object) -> None:
        """Record a block with its line range, so rules can ask what encloses a call site
        (a try, a handler, a finally, a with, a loop) without walking the tree again."""
        func = self.frame.facts
        if func is not None:
            line = getattr(node, "lineno", 0)
            func.extra.setdefault("blocks", []).append(
                {"kind": kind, "line": line, "end": end or getattr(node, "end_lineno", None) or line, **detail})

    def _record_try(self, node: ast.Try) -> None:
        body_end = node.body[-1].end_lineno or node.lineno
        self._block("try", node, end=body_end, handled=bool(node.handlers))
        for handler in node.handlers:
            self._block("except", handler, try_line=node.lineno, types=_handler_types(handler.type),
                        name=handler.name or "", exit=_handler_exit(handler), raises=_always_raises(handler))
        if node.finalbody:
            self._block("finally", node.finalbody[0], end=node.finalbody[-1].end_lineno or 0, try_line=node.lineno)

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

    def visit_Raise(self, node: ast.Raise) -> None:
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        self._block("raise", node, exc=dotted_str(exc) if exc is not None else "", cause=node.cause is not None)
        self.generic_visit(node)

    # ----- expressions -----------------------------------------------------------------------
    def visit_Await(self, node: ast.Await) -> None:
        if isinstance(node.value, ast.Call):
            self.awaited.add(id(node.value))
            self.used_as[id(node.value)] = "await"
        func = self.frame.facts
        if func is not None:
            func.awaits += 1
            for use in self.frame.lock_stack:
                use.awaits_inside += 1
            if not isinstance(node.value, ast.Call):  # `await obj.awaitable_attrs.lines`, `await fut`
                func.extra.setdefault("bare_awaits", []).append(node.lineno)
        self.visit(node.value)

    def visit_AsyncFor(self, node: ast.AsyncFor) -> None:
        if isinstance(node.iter, ast.Call):
            self.awaited.add(id(node.iter))
            self.used_as[id(node.iter)] = "async-for"
        if self.frame.facts is not None:
            self.frame.facts.awaits += 1
            for use in self.frame.lock_stack:
                use.awaits_inside += 1
        self._loop(node)

    def visit_Yield(self, node: ast.Yield) -> None:
        if self.frame.facts is not None:
            self.frame.facts.has_yield = True
            self.frame.facts.extra.setdefault("yield_line", node.lineno)  # where a lifespan's startup ends
            if isinstance(node, ast.Yield) and node.value is not None:  # what a generator dependency provides
                self.frame.facts.extra.setdefault("yield_values", []).append(value_of(node.value))
        self.generic_visit(node)

    visit_YieldFrom = visit_Yield

    def visit_Return(self, node: ast.Return) -> None:
        func = self.frame.facts
        if func is not None:
            func.extra["returns"] = True  # any `return`, bare ones too: the function can come back
        if func is not None and node.value is not None and type(node.value) is ast.BinOp:
            _hash_bucket(func, node.value, "")
        if func is not None and node.value is not None and len(func.returns_values) < 8:
            func.returns_values.append(value_of(node.value))
            func.extra.setdefault("return_lines", []).append(node.lineno)  # parallel to returns_values
            if _literal_item_key(node.value):
                func.extra.setdefault("literal_key_returns", []).append(node.lineno)
        self.generic_visit(node)

    def _bind_args(self, args: ast.arguments) -> None:
        self.facts.bound_names.update(_params_of(args))

    def _bound_here(self, name: str) -> None:
        """`name` bound in the scope being walked (see `scopes`), so bound in the module."""
        self.facts.bound_names.add(name)
        self.scope_names.bind(self.frame.facts, not self.scopes, name)

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

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._bind_args(node.args)
        for param in _params_of(node.args):  # its own scope, counted as the enclosing one's
            self.scope_names.bind(self.frame.facts, not self.scopes, param)
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(default)
        self.in_lambda += 1
        self._nested([node.body])
        self.in_lambda -= 1

    def visit_Compare(self, node: ast.Compare) -> None:
        if self.frame.facts is not None and not self.in_lambda:
            literaltests.note(node, self.frame.facts)
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Call):
            self.discarded.add(id(node.value))
        elif isinstance(node.value, ast.Await) and isinstance(node.value.value, ast.Call):
            self.await_dropped.add(id(node.value.value))
        self.visit(node.value)

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
            _loop_attr(func, chain, node.lineno)
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

    def visit_Global(self, node: ast.Global) -> None:
        if self.frame.facts is not None:
            self.frame.facts.extra.setdefault("globals", []).extend(node.names)
        self.facts.other_bindings.extend(node.names)
        self.facts.bound_names.update(node.names)
        self.scope_names.module.update(node.names)  # `global x` then `x = ...`: a module binding

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

    def visit_Name(self, node: ast.Name) -> None:
        if type(node.ctx) is ast.Load:
            if not self.name_guard and not (node.id in WINDOWS_BUILTINS and id(node) in self.windows_only):
                known = self.facts.name_uses.get(node.id)
                if known is None or (known[2] and not self.in_annotation):
                    self.facts.name_uses[node.id] = (node.lineno, node.col_offset, self.in_annotation)
                if not self.in_annotation:
                    self.scope_names.read(self.frame.facts, node.id, node.lineno, node.col_offset)
            return
        self._bound_here(node.id)
        if self.frame.facts is not None:  # a local binding (loop target, walrus, ...) of unknown type
            self.frame.facts.local_types.setdefault(node.id, None)
        elif not self.scopes:
            self.facts.other_bindings.append(node.id)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Attribute) and id(node) not in self.chained:
            self._query_chain(node)
        chain = dotted(node.func)
        last = chain[-1] if chain else (node.func.attr if isinstance(node.func, ast.Attribute) else "")
        if last in CONSUMERS:
            for arg in node.args:
                target = arg.value if isinstance(arg, ast.Starred) else arg
                if isinstance(target, ast.Call):
                    self.awaited.add(id(target))
                elif (isinstance(target, (ast.ListComp, ast.GeneratorExp, ast.SetComp)) and
                        isinstance(target.elt, ast.Call)):
                    self.awaited.add(id(target.elt))
        offload_index = OFFLOADERS.get(last)
        if offload_index is not None and len(node.args) > offload_index:
            self._offload(node.args[offload_index], node)
        self._record_call(node, chain)
        self.visit(node.func)
        for index, arg in enumerate(node.args):
            if index == offload_index:
                self._visit_offloaded(arg)
            elif last in DEFERRERS and isinstance(arg, ast.Lambda):
                self._visit_deferred(arg)
            else:
                self.visit(arg)
        for keyword in node.keywords:
            self.visit(keyword.value)

    def _visit_deferred(self, arg: ast.Lambda) -> None:
        """A lambda registered as a callback (`future.add_done_callback(lambda _: self.shutdown())`)
        runs later, from the loop or the thread that completes the future: the locks held where it
        is registered are not held around its calls."""
        locks, self.frame.locks = self.frame.locks, ()
        self.visit(arg)
        self.frame.locks = locks
        if self.frame.facts is not None:  # extra["deferred"]: where no `with` around the lambda holds
            self.frame.facts.extra.setdefault("deferred", []).append((arg.lineno, arg.end_lineno or arg.lineno))

    def _query_chain(self, node: ast.Call) -> None:
        """`extra["orm_chains"]`: ORM query chains (see facts/querychain.py), one per chain."""
        found = chain_record(node)
        if found is None:
            return
        record, inner = found
        self.chained.update(id(call) for call in inner)
        owner = self.frame.facts.extra if self.frame.facts is not None else self.facts.extra
        owner.setdefault("orm_chains", []).append(record)

    def _offload(self, callee: ast.expr, call: ast.Call) -> None:
        """Record the callable handed to a thread as an offloaded call of it. A call in that place
        (`partial(f, x)`, a call-object builder `create_call(f, x)`) runs here and only builds the
        work: its first argument is what the thread runs."""
        target = callee
        if isinstance(callee, ast.Call) and callee.args:
            target = callee.args[0]
        chain = dotted(target)
        if chain and self.frame.facts is not None:
            self.frame.facts.calls.append(CallSite(
                func=chain, line=call.lineno, end_line=call.end_lineno or call.lineno, col=call.col_offset,
                offloaded=True, loop_line=self.frame.loop_line, loop_iter=self.frame.loop_iter,
            ))

    def _visit_offloaded(self, arg: ast.expr) -> None:
        """Calls inside a callable handed to a thread (a lambda's body) run there; any other call
        in that place (`partial(f, x)`, `make_job(f, x).run`) runs here and only builds the work
        (see `_offload`), so it is visited as any call."""
        if not isinstance(arg, ast.Lambda):
            self.visit(arg)
            return
        before = len(self.frame.facts.calls) if self.frame.facts is not None else 0
        self.visit(arg)
        if self.frame.facts is not None:
            for site in self.frame.facts.calls[before:]:
                site.offloaded = True

    def _record_call(self, node: ast.Call, chain: tuple[str, ...] | None) -> None:
        frame = self.frame
        key = id(node)
        site = CallSite(
            func=chain, line=node.lineno, end_line=node.end_lineno or node.lineno, col=node.col_offset,
            awaited=key in self.awaited, loop_line=frame.loop_line, loop_iter=frame.loop_iter,
            locks_held=frame.locks, in_try=frame.in_try,
            discarded=key in self.discarded, used_as=self.used_as.get(key, ""),
            await_dropped=key in self.await_dropped, **_arguments(node),
        )
        if chain is None and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call):
            site.callee_is_call = dotted_str(node.func.value.func)
            site.func = ("()", node.func.attr)
        elif chain is None and (through := _attributes_of_call(node.func)) is not None:
            site.callee_is_call = dotted_str(through[0].func)  # `services(request).billing.charge(...)`
            site.func = ("()", *through[1])
        elif chain is None and type(node.func) is ast.Attribute and type(node.func.value) is ast.BinOp \
                and type(node.func.value.op) is ast.Div:  # `(base / "name").read_text()`
            site.receiver = value_of(node.func.value)
            site.func = ("()", node.func.attr)
        if self.frame.facts is not None:
            self.frame.facts.calls.append(site)
            _bound_arguments(self.frame.facts, node)
        else:
            self.facts.module_calls.append(site)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and SQL_START.match(node.value) and SQL_BODY.search(node.value):
            self._sql(node.lineno, node.value, node.end_lineno or 0)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        text = joined_text(node, self._string_constant)
        if SQL_START.match(text) and SQL_BODY.search(text):
            self._sql(node.lineno, text, node.end_lineno or 0)
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                self.visit(part.value)

    def _string_constant(self, name: str) -> str | None:
        """A module-level string bound above (`_COLUMNS = "id, name"`), unless a local of the
        current function shadows it: `f"SELECT {_COLUMNS} FROM t"` reads as its full text."""
        func = self.frame.facts
        bound = self.facts.assigns.get(name)
        if bound is None or not isinstance(bound.value, str) or (func is not None and name in func.local_types):
            return None
        return bound.value

    def _sql(self, line: int, text: str, end_line: int = 0) -> None:
        func = self.frame.facts
        self.facts.sql.append(SqlText(line=line, text=text, function=func.qualname if func else "", end_line=end_line))


def _bound_arguments(func: FunctionFacts, node: ast.Call) -> None:
    """Positional arguments that are a method of a fresh instance (`spawn("poll", Poller(db).run)`),
    which `value_of` leaves unknown: extra["bound_args"] keeps the method and the constructor call."""
    for position, arg in enumerate(node.args):
        if type(arg) is ast.Attribute and type(arg.value) is ast.Call:
            func.extra.setdefault("bound_args", []).append(
                {"line": node.lineno, "position": position, "method": arg.attr,
                 "of_call": dotted_str(arg.value.func) or "", "call_line": arg.value.lineno})


def _arguments(node: ast.Call) -> dict[str, Any]:
    """The argument fields of a call's `CallSite`, in one pass over each list: positional values
    (starred ones left out) and keyword values (`**` left out); whether `*args` or `**kwargs` is
    present and the name behind each `**`; and where the literal `None` is written, which
    `value_of` cannot tell from an expression it does not keep. Empty markers are left to the
    record's shared defaults rather than allocated per call."""
    fields: dict[str, Any] = {}
    args: list = []
    none_args: list[int] = []
    for arg in node.args:
        if type(arg) is ast.Starred:
            fields["star_args"] = True
            continue
        if _is_none(arg):
            none_args.append(len(args))
        args.append(value_of(arg))
    kwargs: dict = {}
    none_kwargs: list[str] = []
    star_kwargs: list[str] = []
    for keyword in node.keywords:
        if keyword.arg is None:
            star_kwargs.append(dotted_str(keyword.value) or "")
            continue
        kwargs[keyword.arg] = value_of(keyword.value)
        if _is_none(keyword.value):
            none_kwargs.append(keyword.arg)
    fields.update(args=tuple(args), kwargs=kwargs)
    if star_kwargs:
        fields.update(star_args=True, star_kwargs=tuple(star_kwargs))
    if none_args:
        fields["none_args"] = frozenset(none_args)
    if none_kwargs:
        fields["none_kwargs"] = frozenset(none_kwargs)
    return fields


def _is_none(node: ast.expr) -> bool:
    return type(node) is ast.Constant and node.value is None


def _attributes_of_call(node: ast.expr) -> tuple[ast.Call, tuple[str, ...]] | None:
    """`services(request).billing.charge`: the named call at the bottom of an attribute chain two
    or more long, and the attributes read on its result (the call's own method is the direct case)."""
    attrs: list[str] = []
    while type(node) is ast.Attribute:
        attrs.append(node.attr)
        node = node.value
    if len(attrs) < 2 or type(node) is not ast.Call or not dotted_str(node.func):
        return None
    return node, tuple(reversed(attrs))


def _chain_text(node: ast.expr) -> str:
    """`self._locks_for(key).members` as "self._locks_for.().members": a chain through a call or a
    subscript, which `dotted_str` leaves empty ("" for anything else)."""
    parts: list[str] = []
    while not isinstance(node, ast.Name):
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, (ast.Call, ast.Subscript)):
            parts.append("()" if isinstance(node, ast.Call) else "[]")
            node = node.func if isinstance(node, ast.Call) else node.value
        else:
            return ""
    return ".".join([node.id, *reversed(parts)])


def _catches_name_error(node: ast.expr | None) -> bool:
    # Only a bare or an explicit `NameError` catch is a feature test (`try: unicode except NameError:`);
    # `except Exception:` around a worker's body hides the NameError on every pass, it tests nothing.
    names = {t.rsplit(".", 1)[-1] for t in _handler_types(node)} if node is not None else {"*"}
    return bool(names & {"*", "NameError"})


def _handler_exit(handler: ast.ExceptHandler) -> str:
    """How a handler ends when its last statement is a bare `pass`/`continue`/`break`/`return`
    (with or without a value), else "": tells a skip from a handler that does more."""
    last = handler.body[-1]
    if isinstance(last, ast.Return):
        return "return"
    return {ast.Pass: "pass", ast.Continue: "continue", ast.Break: "break"}.get(type(last), "")


def _always_raises(handler: ast.ExceptHandler) -> bool:
    """A `raise` among the handler's own statements with no `continue`/`break`/`return` before it
    that could leave first: every failure it catches propagates (no second attempt in a loop)."""
    for stmt in handler.body:
        if isinstance(stmt, ast.Raise):
            return True
        if contains([stmt], (ast.Continue, ast.Break, ast.Return)):
            return False
    return False


def _handler_types(node: ast.expr | None) -> list[str]:
    """The dotted exception names an `except` clause catches; [] for a bare `except:`."""
    if node is None:
        return []
    if isinstance(node, ast.Tuple):
        return [dotted_str(elt) or "?" for elt in node.elts]
    return [dotted_str(node) or "?"]


def _if_detail(node: ast.If) -> dict[str, object]:
    """An `if` block's entry: its lines, whether its body leaves, and what its test reads. Kept in
    extra["blocks"] for coroutines, and in extra["sync_ifs"] for plain functions (guards in sync
    helpers a request calls, without changing what the coroutine rules see)."""
    return {"kind": "if", "line": node.lineno, "end": node.body[-1].end_lineno or node.lineno,
            "else_line": node.orelse[0].lineno if node.orelse else 0,
            "else_end": node.orelse[-1].end_lineno or 0 if node.orelse else 0,
            "exits": isinstance(node.body[-1], (ast.Return, ast.Raise)),
            "skips": isinstance(node.body[-1], ast.Continue), **_test_refs(node.test)}


def _test_refs(test: ast.expr) -> dict[str, object]:
    """What an `if` test reads (for check-then-act questions): `self.x` / `name.attr` chains
    (two links), bare names, and calls with their first argument."""
    chains: list[str] = []
    names: list[str] = []
    calls: list[list] = []
    awaits = False
    for node in walk(test):
        awaits = awaits or isinstance(node, ast.Await)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            chains.append(f"{node.value.id}.{node.attr}")
        elif isinstance(node, ast.Name):
            names.append(node.id)
        elif isinstance(node, ast.Call):
            calls.append([dotted_str(node.func), value_of(node.args[0], deep=False) if node.args else None])
    found: dict[str, list[str]] = {"absent": [], "present": []}
    _presence(test, True, found)
    return {"chains": sorted(set(chains)), "names": sorted(set(names)), "calls": calls[:8], "awaits": awaits,
            **found}


def _presence(test: ast.expr, positive: bool, found: dict[str, list[str]]) -> None:
    """Names (or called names) whose presence the test checks, by the branch it selects:
    `x is None`, `not x`, `not await exists(k)` enter the body when absent; `x`, `x is not None`,
    `await exists(k)` when present. `and`/`or` operands keep the polarity of the whole test."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        _presence(test.operand, not positive, found)
    elif isinstance(test, ast.BoolOp):
        for value in test.values[:8]:
            _presence(value, positive, found)
    elif isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.comparators[0], ast.Constant) \
            and test.comparators[0].value is None and isinstance(test.ops[0], (ast.Is, ast.Eq, ast.IsNot, ast.NotEq)):
        _presence(test.left, positive != isinstance(test.ops[0], (ast.Is, ast.Eq)), found)
    else:
        _tested_name(test, positive, found)


def _tested_name(test: ast.expr, positive: bool, found: dict[str, list[str]]) -> None:
    """`_presence` of one operand: the (called) name `x`, `f(k)`, `await f(k)` it tests."""
    subject = test.value if isinstance(test, ast.Await) else test
    name = dotted_str(subject.func) if isinstance(subject, ast.Call) else dotted_str(subject)
    if name:
        found["present" if positive else "absent"].append(name)
    elif isinstance(subject, ast.Call) and isinstance(subject.func, ast.Attribute):
        # `not get_limiter().allow(k)`: the method called on what a call returns, kept apart
        # so rules reading the plain names above see no change
        found.setdefault("present_methods" if positive else "absent_methods", []).append(subject.func.attr)


_EXISTENCE = frozenset({"exists", "isfile", "isdir", "lexists", "is_file", "is_dir"})


def _path_check(func: FunctionFacts, node: ast.If) -> None:
    """extra["path_checks"]: in a sync function, an `if` that tests whether a path exists
    (`os.path.exists(p)`, `not p.is_file()`), in the shape of a coroutine's "if" block, for
    check-then-use questions about code run in threads. Only the test's top level is read."""
    calls = []
    stack = [node.test]
    while stack:
        test = stack.pop()
        if type(test) is ast.UnaryOp and type(test.op) is ast.Not:
            stack.append(test.operand)
        elif type(test) is ast.BoolOp:
            stack.extend(test.values)
        elif type(test) is ast.Call and type(test.func) is ast.Attribute and test.func.attr in _EXISTENCE:
            calls.append([dotted_str(test.func), value_of(test.args[0], deep=False) if test.args else None])
    if calls:
        func.extra.setdefault("path_checks", []).append({
            "kind": "if", "line": node.lineno, "end": node.body[-1].end_lineno or node.lineno, "calls": calls,
            "exits": isinstance(node.body[-1], (ast.Return, ast.Raise))})


def _state_alias(bound: object) -> bool:
    """A local bound to `app.state` (or `request.app.state`): `st = app.state`."""
    return isinstance(bound, dict) and str(bound.get("ref", "")).endswith(".state")


def _unwrap_staticmethod(value: ast.expr) -> ast.expr:
    """`scanner = staticmethod(clamd_scan)` in a class body: `self.scanner(x)` calls clamd_scan."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "staticmethod" \
            and len(value.args) == 1 and not value.keywords:
        return value.args[0]
    return value


def _always_true(test: ast.expr) -> bool:
    return isinstance(test, ast.Constant) and bool(test.value)


def _target_text(target: ast.expr) -> str:
    """`row` -> "row"; `(key, value)` -> "key,value"; anything else ""."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return ",".join(dotted_str(elt) for elt in target.elts)
    return dotted_str(target)


def _walks_chain(node: ast.While) -> bool:
    """`while folder and ...: folder = await get(folder.parent_id)`: the test reads a local that
    the body rebinds to a computed value, so the loop follows a chain (ancestors, pages, a
    cursor) and ends with it: it does not run until stopped."""
    tested = {n.id for n in descendants([node.test]) if type(n) is ast.Name}
    if not tested:
        return False
    for inner in descendants(node.body):
        if type(inner) is ast.Assign and type(inner.value) is not ast.Constant and \
                any(type(t) is ast.Name and t.id in tested for t in inner.targets):
            return True
    return False


# attributes that say whether a connection (socket, stream, websocket, channel) is still open
_LIVENESS = frozenset({"closed", "is_closed", "is_open", "open", "is_closing", "connected", "is_connected",
                       "client_state", "application_state"})


def _liveness_tested(test: ast.expr) -> str:
    """`while not ws.closed:`, `while channel.is_open:`, `while not writer.is_closing():`: the dotted
    object whose liveness the loop tests, so the loop lives as long as that connection. A flag on
    `self` itself (`while not self._closed`) is the object's own stop switch, not a connection."""
    for node in walk(test):  # breadth-first: the outermost such attribute
        if type(node) is ast.Attribute and node.attr in _LIVENESS:
            owner = dotted_str(node.value)
            if owner and owner != "self":
                return owner
    return ""


def _ends_on_success(node: ast.While) -> bool:
    """A `while` loop that can end from its body: a `break` or `return` of its own, or a test on a
    local the body rebinds (`while attempt < 3`, `while not done`). A loop that only stops when a
    flag outside it is set (`while not self._stopping.is_set()`) serves until shut down: it is
    no retry of the calls inside it."""
    if _rebinds_tested(node):
        return True
    stack: list[ast.AST] = list(node.body)
    while stack:
        stmt = stack.pop()
        kind = type(stmt)
        if kind in (ast.Break, ast.Return):
            return True
        if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda):
            continue
        if kind in (ast.While, ast.For, ast.AsyncFor):  # a nested loop's break is its own; a return is not
            stack.extend(n for n in descendants([stmt]) if type(n) is ast.Return)
            continue
        stack.extend(child for child in ast.iter_child_nodes(stmt)
                     if isinstance(child, ast.stmt) or type(child) in (ast.ExceptHandler, ast.match_case))
    return False


_TAKES = frozenset({"pop", "popleft", "popitem", "get_nowait"})


def _drains(node: ast.While) -> bool:
    """`while True:` that takes items off a buffer and leaves once it is empty (`if not self._buffer:
    return`), or `while queue: queue.popleft()`: a drain that ends by itself when the work is done,
    not a loop kept alive."""
    emptied: set[str] = {dotted_str(node.test)}  # `while queue: queue.popleft()` leaves once it is empty
    taken: set[str] = set()
    for n in descendants([node]):
        if type(n) is ast.If and type(n.test) is ast.UnaryOp and type(n.test.op) is ast.Not \
                and len(n.body) == 1 and type(n.body[0]) in (ast.Return, ast.Break):
            emptied.add(dotted_str(n.test.operand))
        elif type(n) is ast.Call and type(n.func) is ast.Attribute and n.func.attr in _TAKES:
            taken.add(dotted_str(n.func.value))
    return bool(emptied & taken - {""})


def _rebinds_tested(node: ast.While) -> bool:
    """The body assigns a name the test reads (`done = True`, `attempt += 1`)."""
    tested = {n.id for n in descendants([node.test]) if type(n) is ast.Name}
    for n in descendants(node.body):
        targets = n.targets if type(n) is ast.Assign else [n.target] if type(n) is ast.AugAssign else []
        if any(type(t) is ast.Name and t.id in tested for t in targets):
            return True
    return False


def _counts_unread(node: ast.For | ast.AsyncFor) -> bool:
    """`for _ in range(n):` whose variable the body never reads: the loop counts turns (a
    poll, a retry), it does not walk items."""
    iterable, target = node.iter, node.target
    if type(iterable) is not ast.Call or type(iterable.func) is not ast.Name or iterable.func.id != "range" \
            or type(target) is not ast.Name:
        return False
    if target.id == "_":
        return True
    return not any(type(n) is ast.Name and n.id == target.id for n in descendants(node.body))


def _capped(node: ast.For | ast.AsyncFor) -> bool:
    """`for step in range(max_steps): ...; if done: break`: a count of turns the body ends on its
    own condition, a `while` loop with a cap. The count is no collection's length (`range(len(rows))`)
    and the turn number indexes nothing (`rows[step]`), so each turn is a step or an attempt, not an
    item of data."""
    iterable, target = node.iter, node.target
    if type(iterable) is not ast.Call or type(iterable.func) is not ast.Name or iterable.func.id != "range" \
            or type(target) is not ast.Name:
        return False
    if any(type(n) is ast.Call and type(n.func) is ast.Name and n.func.id == "len" for n in descendants(iterable.args)):
        return False
    if any(type(n) is ast.Subscript and any(type(m) is ast.Name and m.id == target.id for m in descendants([n.slice]))
           for n in descendants(node.body)):
        return False
    return loopexit.can_leave(node)


def extract(tree: ast.Module, path: str, module: str, is_package: bool) -> ModuleFacts:
    extractor = FactExtractor(path, module, is_package)
    extractor.module_literals = _module_literals(tree)
    extractor.visit(tree)
    facts = extractor.facts
    imported = {imp.bound for imp in facts.imports}
    facts.attr_refs = [(".".join(chain), line, col, store) for chain, line, col, store in extractor.attr_chains
                       if store or chain[0] in imported]
    extractor.scope_names.finish(facts)
    return facts


def _module_literals(tree: ast.Module) -> dict[str, int]:
    """Module names bound once to a written-out collection of constants (`KINDS = {"a", "b"}`):
    how many values each holds."""
    found: dict[str, int | None] = {}
    for stmt in tree.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else \
            stmt.target if isinstance(stmt, ast.AnnAssign) else None
        if isinstance(target, ast.Name):
            found[target.id] = None if target.id in found else gated.literal_size(stmt.value)
    return {name: size for name, size in found.items() if size is not None}


# Library calls returning a fixed tuple of objects: `reader, writer = await asyncio.open_connection(...)`
# types each name (also through `await asyncio.wait_for(open_connection(...), 5)`).
_STREAMS = ("asyncio.StreamReader", "asyncio.StreamWriter")
_TUPLE_RETURNS = {"asyncio.open_connection": _STREAMS, "asyncio.open_unix_connection": _STREAMS,
                  "open_connection": _STREAMS, "open_unix_connection": _STREAMS}


def _literal_item_key(value: ast.expr) -> bool:
    """`return self._locks[f"product:{pid}"]`: an item whose key starts with a literal text, so
    the function hands out entries of its own namespace of the container's keys."""
    if type(value) is not ast.Subscript:
        return False
    key = value.slice
    first = key.values[0] if type(key) is ast.JoinedStr and key.values else key
    return type(first) is ast.Constant and isinstance(first.value, str) and bool(first.value)


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


def _param(arg: ast.arg, kind: str, default: ast.expr | None) -> Param:
    param = Param(name=arg.arg, kind=kind, has_default=default is not None,
                  annotation=annotation_text(arg.annotation), line=arg.lineno)
    if isinstance(default, ast.Call):
        param.line = default.lineno
        param.default_call = dotted_str(default.func)
        param.default_args = tuple(value_of(a) for a in default.args)
    elif isinstance(default, ast.Constant):
        param.default = value_of(default)
    return param


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


def _hash_bucket(func: FunctionFacts, node: ast.BinOp, local: str) -> None:
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


def _bind_local(func: FunctionFacts, target: ast.Name, value: ast.expr | None, annotation: str) -> None:
    if type(value) is ast.BinOp:
        _hash_bucket(func, value, target.id)
    if target.id in func.extra.get("globals", ()):  # where a `global` name is rebound (extra["global_lines"])
        func.extra.setdefault("global_lines", {}).setdefault(target.id, []).append(target.lineno)
    if target.id in func.local_types:
        func.extra.setdefault("rebound", []).append(target.id)
        func.extra.setdefault("rebound_lines", {}).setdefault(target.id, []).append(target.lineno)
    bound = value_of(value) if value is not None else None
    if target.id in func.local_types and isinstance(bound, dict) and bound.get("items"):
        # `tasks: list[Task] = []` then `tasks = [create_task(a()), ...]`: what the later binding holds
        func.extra.setdefault("rebound_items", {}).setdefault(target.id, []).append(bound)
    if annotation and not isinstance(bound, dict):
        bound = {"ann": annotation}
    elif annotation and "ann" not in bound:  # `hub: Hub = request.app.state.hub`: the type if the value has none
        bound = {**bound, "declared": annotation}
    func.local_types.setdefault(target.id, bound)


def _loop_attr(func: FunctionFacts, chain: tuple[str, ...], line: int) -> None:
    """`extra["loop_attrs"]`: `item.attr` read inside a loop over `item` (ORM lazy loads),
    as [loop line, "item.attr", line], once per loop and attribute."""
    loops = func.extra.get("loops", {})
    for start, info in loops.items():
        if start <= line <= info.get("end", start) and chain[0] in info.get("target", "").split(","):
            # `item.awaitable_attrs.rel` (SQLAlchemy AsyncAttrs) names the relationship third
            attr = ".".join(chain[1:3]) if chain[1] == "awaitable_attrs" and len(chain) > 2 else chain[1]
            key = [start, f"{chain[0]}.{attr}", line]
            seen = func.extra.setdefault("loop_attrs", [])
            if not any(k[0] == start and k[1] == key[1] for k in seen):
                seen.append(key)
            return


def _loop_value(func: FunctionFacts | None, node: ast.For | ast.AsyncFor) -> None:
    """`for router in ROUTERS:` keeps what the name iterates over (extra["loop_values"]), so
    that origins can follow `app.include_router(router)` to each element of the list."""
    if func is not None and isinstance(node, ast.For) and isinstance(node.target, ast.Name):
        value = value_of(node.iter)
        if isinstance(value, dict) and ("ref" in value or "items" in value):
            func.extra.setdefault("loop_values", {}).setdefault(node.target.id, value)


def _summarise(node: ast.FunctionDef | ast.AsyncFunctionDef, facts: FunctionFacts, stores: list,
               module_literals: dict[str, int]) -> None:
    """The per-function summaries that need the whole body walked first."""
    readonly.annotate(node, facts.extra, {p.name: p.annotation for p in facts.params},
                      any(site.func and site.func[-1] == "deepcopy" for site in facts.calls))
    kept.annotate(node, facts)
    cachekeys.annotate(node, facts)
    readthrough.annotate(node, facts)
    missfill.annotate(node, facts, stores)
    literaltests.finish(facts)
    if any(info["kind"] == "for" for info in facts.extra.get("loops", {}).values()):
        gated.annotate(node, facts.extra["loops"], module_literals)
    hit_end = memo.memo_hit_end(node)
    if hit_end:
        facts.extra["memo_hit_end"] = hit_end  # below this line the body runs on a cache miss only


def _params_of(args: ast.arguments) -> list[str]:
    """The names a signature binds, `*args` and `**kwargs` included."""
    return [arg.arg for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]
            if arg is not None]

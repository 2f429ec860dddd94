"""One walk over a module's tree that produces its `ModuleFacts`.

The walk tracks the context every later question needs (enclosing function and
class, loops, held locks, try blocks, whether a call is awaited or offloaded to a
thread) so that rules and the call graph never walk the tree again.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from .complexity import cognitive_complexity, cyclomatic_complexity
from .types import (
    Assign, CallSite, ClassFacts, Decorator, FunctionFacts, ImportFact, LockUse, ModuleFacts, Param, SqlText,
)
from .values import annotation_text, dotted, dotted_str, is_mutable_value, joined_text, value_of

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
_LOCK_WORDS = re.compile(r"lock|sem|mutex|cond", re.IGNORECASE)
SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|TRUNCATE|MERGE|UPSERT)\b", re.I)
SQL_BODY = re.compile(r"\b(FROM|INTO|SET|TABLE|INDEX|VALUES|WHERE)\b", re.I)


@dataclass
class _Frame:
    """The function whose body is being walked (None at module level)."""

    facts: FunctionFacts | None
    loop_line: int = 0
    loop_iter: str = ""
    locks: tuple[str, ...] = ()
    in_try: bool = False
    lock_stack: list[LockUse] = field(default_factory=list)


class FactExtractor(ast.NodeVisitor):
    """Builds ModuleFacts; see the module docstring."""

    def __init__(self, path: str, module: str, is_package: bool) -> None:
        self.facts = ModuleFacts(path=path, module=module, is_package=is_package)
        self.frame = _Frame(None)
        self.scopes: list[ClassFacts | FunctionFacts] = []
        self.awaited: set[int] = set()
        self.offloaded: set[int] = set()
        self.type_checking = False

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
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.facts.imports.append(ImportFact(
                module=alias.name, name="", alias=alias.asname or "", line=node.lineno,
                in_function=self.in_function, type_checking=self.type_checking,
            ))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name == "*":
                self.facts.has_star_import = True
            self.facts.imports.append(ImportFact(
                module=node.module or "", name=alias.name, alias=alias.asname or "", line=node.lineno,
                level=node.level, in_function=self.in_function, type_checking=self.type_checking,
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
        self.generic_visit(node)

    # ----- definitions ---------------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        qualname = self._scope_prefix() + node.name
        facts = ClassFacts(
            qualname=qualname, name=node.name, line=node.lineno, end_line=node.end_lineno or node.lineno,
            bases=[dotted_str(b) or annotation_text(b) for b in node.bases],
            decorators=[self._decorator(d) for d in node.decorator_list],
            has_docstring=ast.get_docstring(node, clean=False) is not None,
        )
        for stmt in node.body:
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        facts.class_attrs[target.id] = value_of(stmt.value)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                facts.annotations[stmt.target.id] = annotation_text(stmt.annotation)
                if stmt.value is not None:
                    facts.class_attrs[stmt.target.id] = value_of(stmt.value)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                facts.methods.append(stmt.name)
        self.facts.classes[qualname] = facts
        for deco in node.decorator_list:
            self.visit(deco)
        for base in node.bases:
            self.visit(base)
        self.scopes.append(facts)
        self._walk_body(node.body)
        self.scopes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        parent = self.scopes[-1] if self.scopes else None
        qualname = self._scope_prefix() + node.name
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
            complexity=cyclomatic_complexity(node), cognitive=cognitive_complexity(node),
            code_lines=(node.end_lineno or node.lineno) - node.lineno + 1, body_line=first_body.lineno,
        )
        self.facts.functions[qualname] = facts
        for deco in node.decorator_list:
            self.visit(deco)
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(default)
        self.scopes.append(facts)
        outer_frame, self.frame = self.frame, _Frame(facts)
        self._walk_body(body)
        self.frame = outer_frame
        self.scopes.pop()

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
        params: list[Param] = []
        positional = [(a, "posonly") for a in args.posonlyargs] + [(a, "pos") for a in args.args]
        n_defaults = len(args.defaults)
        first_default = len(positional) - n_defaults
        for index, (arg, kind) in enumerate(positional):
            default = args.defaults[index - first_default] if index >= first_default else None
            params.append(self._param(arg, kind, default))
        if args.vararg:
            params.append(self._param(args.vararg, "vararg", None))
        for arg, default in zip(args.kwonlyargs, args.kw_defaults):
            params.append(self._param(arg, "kwonly", default))
        if args.kwarg:
            params.append(self._param(args.kwarg, "kwarg", None))
        return params

    @staticmethod
    def _param(arg: ast.arg, kind: str, default: ast.expr | None) -> Param:
        param = Param(name=arg.arg, kind=kind, has_default=default is not None,
                      annotation=annotation_text(arg.annotation))
        if isinstance(default, ast.Call):
            param.default_call = dotted_str(default.func)
            param.default_args = tuple(value_of(a) for a in default.args)
        return param

    # ----- bindings ------------------------------------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._bind(target, node.value, "")
        self.visit(node.value)
        for target in node.targets:
            if not isinstance(target, ast.Name):
                self.visit(target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._bind(node.target, node.value, annotation_text(node.annotation))
        if node.value is not None:
            self.visit(node.value)

    def _bind(self, target: ast.expr, value: ast.expr | None, annotation: str) -> None:
        func = self.frame.facts
        if isinstance(target, ast.Name):
            if func is None and not self.scopes:
                self.facts.assigns.setdefault(target.id, Assign(
                    name=target.id, line=target.lineno, value=value_of(value), annotation=annotation,
                    mutable=value is not None and is_mutable_value(value),
                ))
                if target.id == "__all__" and isinstance(value, (ast.List, ast.Tuple)):
                    self.facts.dunder_all = [e.value for e in value.elts
                                             if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            elif func is not None:
                bound = value_of(value) if value is not None else None
                if annotation:
                    bound = {"ann": annotation} if bound is None or not isinstance(bound, dict) else bound
                func.local_types.setdefault(target.id, bound)
        elif isinstance(target, ast.Attribute) and func is not None:
            chain = dotted(target)
            if chain and len(chain) == 2 and chain[0] == "self":
                stored = value_of(value) if value is not None else None
                if annotation and not isinstance(stored, dict):
                    stored = {"ann": annotation}
                if chain[1] not in func.self_attrs or isinstance(stored, dict):
                    func.self_attrs[chain[1]] = stored
            elif chain and len(chain) >= 3 and chain[1] == "state":
                func.extra.setdefault("state_assigns", []).append((".".join(chain), value_of(value), target.lineno))
        elif isinstance(target, ast.Attribute) and func is None:
            chain = dotted(target)
            if chain and len(chain) >= 3 and chain[1] == "state":
                self.facts.extra.setdefault("state_assigns", []).append(
                    (".".join(chain), value_of(value), target.lineno))
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                self._bind(elt, None, "")

    # ----- control flow ----------------------------------------------------------------------
    def _loop(self, node: ast.For | ast.AsyncFor | ast.While) -> None:
        if isinstance(node, ast.While):
            self.visit(node.test)
            iter_name = ""
        else:
            self.visit(node.iter)
            iter_name = dotted_str(node.iter)
        if self.frame.facts is not None:
            self.frame.facts.loops += 1
        saved = (self.frame.loop_line, self.frame.loop_iter)
        self.frame.loop_line, self.frame.loop_iter = node.lineno, iter_name
        if not isinstance(node, ast.While):
            self.visit(node.target)
        self._walk_body(node.body)
        self.frame.loop_line, self.frame.loop_iter = saved
        self._walk_body(node.orelse)

    visit_For = visit_AsyncFor = visit_While = _loop

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> None:
        first, *rest = node.generators
        self.visit(first.iter)
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

    def visit_Try(self, node: ast.Try) -> None:
        saved = self.frame.in_try
        self.frame.in_try = saved or bool(node.handlers)
        self._walk_body(node.body)
        self.frame.in_try = saved
        for handler in node.handlers:
            self.visit(handler)
        self._walk_body(node.orelse)
        self._walk_body(node.finalbody)

    visit_TryStar = visit_Try

    def _with(self, node: ast.With | ast.AsyncWith) -> None:
        pushed: list[str] = []
        func = self.frame.facts
        for item in node.items:
            self.visit(item.context_expr)
            expr = item.context_expr
            if isinstance(item.optional_vars, ast.Name) and func is not None:
                func.local_types.setdefault(item.optional_vars.id, value_of(expr))
            if isinstance(expr, ast.Call):
                if isinstance(node, ast.AsyncWith):
                    self.awaited.add(id(expr))
                continue
            name = dotted_str(expr)
            if name and _LOCK_WORDS.search(name.split(".")[-1]) and func is not None:
                use = LockUse(expr=name, line=node.lineno, end_line=node.end_lineno or node.lineno,
                              is_async=isinstance(node, ast.AsyncWith), held_outer=self.frame.locks)
                func.locks.append(use)
                self.frame.lock_stack.append(use)
                pushed.append(name)
            if item.optional_vars is not None:
                self.visit(item.optional_vars)
        saved = self.frame.locks
        self.frame.locks = saved + tuple(pushed)
        self._walk_body(node.body)
        self.frame.locks = saved
        for _ in pushed:
            self.frame.lock_stack.pop()

    visit_With = visit_AsyncWith = _with

    # ----- expressions -----------------------------------------------------------------------
    def visit_Await(self, node: ast.Await) -> None:
        if isinstance(node.value, ast.Call):
            self.awaited.add(id(node.value))
        func = self.frame.facts
        if func is not None:
            func.awaits += 1
            for use in self.frame.lock_stack:
                use.awaits_inside += 1
        self.visit(node.value)

    def visit_AsyncFor(self, node: ast.AsyncFor) -> None:
        if isinstance(node.iter, ast.Call):
            self.awaited.add(id(node.iter))
        if self.frame.facts is not None:
            self.frame.facts.awaits += 1
            for use in self.frame.lock_stack:
                use.awaits_inside += 1
        self._loop(node)

    def visit_Yield(self, node: ast.Yield) -> None:
        if self.frame.facts is not None:
            self.frame.facts.has_yield = True
        self.generic_visit(node)

    visit_YieldFrom = visit_Yield

    def visit_Return(self, node: ast.Return) -> None:
        func = self.frame.facts
        if func is not None and node.value is not None and len(func.returns_values) < 8:
            func.returns_values.append(value_of(node.value))
        self.generic_visit(node)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.visit(node.body)

    def visit_Call(self, node: ast.Call) -> None:
        chain = dotted(node.func)
        last = chain[-1] if chain else (node.func.attr if isinstance(node.func, ast.Attribute) else "")
        if last in CONSUMERS:
            for arg in node.args:
                target = arg.value if isinstance(arg, ast.Starred) else arg
                if isinstance(target, ast.Call):
                    self.awaited.add(id(target))
                elif isinstance(target, (ast.ListComp, ast.GeneratorExp, ast.SetComp)) and isinstance(target.elt, ast.Call):
                    self.awaited.add(id(target.elt))
        offload_index = OFFLOADERS.get(last)
        if offload_index is not None and len(node.args) > offload_index:
            self._offload(node.args[offload_index], node)
        self._record_call(node, chain)
        self.visit(node.func)
        for index, arg in enumerate(node.args):
            if index == offload_index:
                self._visit_offloaded(arg)
            else:
                self.visit(arg)
        for keyword in node.keywords:
            self.visit(keyword.value)

    def _offload(self, callee: ast.expr, call: ast.Call) -> None:
        """Record the callable handed to a thread as an offloaded call of it."""
        target = callee
        if isinstance(callee, ast.Call) and dotted_str(callee.func).endswith("partial") and callee.args:
            target = callee.args[0]
        chain = dotted(target)
        if chain and self.frame.facts is not None:
            self.frame.facts.calls.append(CallSite(
                func=chain, line=call.lineno, end_line=call.end_lineno or call.lineno, col=call.col_offset,
                offloaded=True, loop_line=self.frame.loop_line, loop_iter=self.frame.loop_iter,
            ))

    def _visit_offloaded(self, arg: ast.expr) -> None:
        before = len(self.frame.facts.calls) if self.frame.facts is not None else 0
        self.visit(arg)
        if self.frame.facts is not None:
            for site in self.frame.facts.calls[before:]:
                site.offloaded = True

    def _record_call(self, node: ast.Call, chain: tuple[str, ...] | None) -> None:
        site = CallSite(
            func=chain, line=node.lineno, end_line=node.end_lineno or node.lineno, col=node.col_offset,
            awaited=id(node) in self.awaited, loop_line=self.frame.loop_line, loop_iter=self.frame.loop_iter,
            args=tuple(value_of(a) for a in node.args if not isinstance(a, ast.Starred)),
            kwargs={k.arg: value_of(k.value) for k in node.keywords if k.arg},
            star_args=any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords),
            locks_held=self.frame.locks, in_try=self.frame.in_try,
        )
        if chain is None and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call):
            site.callee_is_call = dotted_str(node.func.value.func)
            site.func = ("()", node.func.attr)
        if self.frame.facts is not None:
            self.frame.facts.calls.append(site)
        else:
            self.facts.module_calls.append(site)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and SQL_START.match(node.value) and SQL_BODY.search(node.value):
            self._sql(node.lineno, node.value)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        text = joined_text(node)
        if SQL_START.match(text) and SQL_BODY.search(text):
            self._sql(node.lineno, text)
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                self.visit(part.value)

    def _sql(self, line: int, text: str) -> None:
        func = self.frame.facts
        self.facts.sql.append(SqlText(line=line, text=text, function=func.qualname if func else ""))


def extract(tree: ast.Module, path: str, module: str, is_package: bool) -> ModuleFacts:
    extractor = FactExtractor(path, module, is_package)
    extractor.visit(tree)
    return extractor.facts

"""Functions, classes and lambdas: their `FunctionFacts`/`ClassFacts`, parameters, decorators,
what they return or yield, and the summaries computed once a body is walked.
"""
from __future__ import annotations

import ast

from .. import cachekeys, codeparams, gated, kept, literaltests, memo, missfill, readonly, readthrough
from ..types import KEPT_RETURNS, ClassFacts, Decorator, FunctionFacts, Param
from ..values import annotation_text, dotted_str, value_of
from .bindings import hash_bucket, imported_names
from .state import Frame, WalkState, params_of


class DefinitionFacts(WalkState):
    """Records definitions and what a function gives back."""

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
        for name, imported, line in _class_level_imports(node.body):
            facts.class_attrs.setdefault(name, imported)
            facts.attr_lines.setdefault(name, line)
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
        outer_frame, self.frame = self.frame, Frame(facts)
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
            hash_bucket(func, node.value, "")
        if func is not None and node.value is not None and len(func.returns_values) < KEPT_RETURNS:
            func.returns_values.append(value_of(node.value))
            func.extra.setdefault("return_lines", []).append(node.lineno)  # parallel to returns_values
            if _literal_item_key(node.value):
                func.extra.setdefault("literal_key_returns", []).append(node.lineno)
            if isinstance(node.value, ast.UnaryOp) and isinstance(node.value.op, ast.Not):
                func.extra.setdefault("negated_returns", []).append(node.lineno)  # `return not await find(...)`
        self.generic_visit(node)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._bind_args(node.args)
        for param in params_of(node.args):  # its own scope, counted as the enclosing one's
            self.scope_names.bind(self.frame.facts, not self.scopes, param)
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(default)
        self.in_lambda += 1
        self._nested([node.body])
        self.in_lambda -= 1


def _unwrap_staticmethod(value: ast.expr) -> ast.expr:
    """`scanner = staticmethod(clamd_scan)` in a class body: `self.scanner(x)` calls clamd_scan."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "staticmethod" \
            and len(value.args) == 1 and not value.keywords:
        return value.args[0]
    return value


def _literal_item_key(value: ast.expr) -> bool:
    """`return self._locks[f"product:{pid}"]`: an item whose key starts with a literal text, so
    the function hands out entries of its own namespace of the container's keys."""
    if type(value) is not ast.Subscript:
        return False
    key = value.slice
    first = key.values[0] if type(key) is ast.JoinedStr and key.values else key
    return type(first) is ast.Constant and isinstance(first.value, str) and bool(first.value)


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


def _summarise(node: ast.FunctionDef | ast.AsyncFunctionDef, facts: FunctionFacts, stores: list,
               module_literals: dict[str, int]) -> None:
    """The per-function summaries that need the whole body walked first."""
    readonly.annotate(node, facts.extra, {p.name: p.annotation for p in facts.params},
                      any(site.func and site.func[-1] == "deepcopy" for site in facts.calls))
    kept.annotate(node, facts)
    cachekeys.annotate(node, facts)
    codeparams.annotate(node, facts)
    readthrough.annotate(node, facts)
    missfill.annotate(node, facts, stores)
    literaltests.finish(facts)
    if any(info["kind"] == "for" for info in facts.extra.get("loops", {}).values()):
        gated.annotate(node, facts.extra["loops"], module_literals)
    hit_end = memo.memo_hit_end(node)
    if hit_end:
        facts.extra["memo_hit_end"] = hit_end  # below this line the body runs on a cache miss only


def _class_level_imports(body: list[ast.stmt]) -> list[tuple[str, dict, int]]:
    """(bound name, the import as a value the resolver follows, line) of the imports a class body
    runs, also inside a `try` or `if` there (an optional dependency imported where it is used):
    each binds a class attribute, `self.Server(...)` after `try: from mcp.server import Server`."""
    out: list[tuple[str, dict, int]] = []
    for stmt in body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            out.extend((name, value, stmt.lineno) for name, value in imported_names(stmt))
        elif isinstance(stmt, ast.Try):
            for block in (stmt.body, *(h.body for h in stmt.handlers), stmt.orelse, stmt.finalbody):
                out.extend(_class_level_imports(block))
        elif isinstance(stmt, ast.If):
            out.extend(_class_level_imports(stmt.body) + _class_level_imports(stmt.orelse))
    return out

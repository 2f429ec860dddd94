"""RA701 undefined-name."""
from __future__ import annotations

import ast
import builtins
import difflib
import re
import sys
from typing import Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding
from ..api import FileContext, Rule, register

_ATTR_AFTER = re.compile(r"\.\s*([A-Za-z_]\w*)")
_NOQA = re.compile(r"#\s*noqa(?!:)|#\s*noqa:[^#]*\bF821\b|#\s*type:\s*ignore\[[^\]]*name-defined")
_NOQA_EXPORT = re.compile(r"#\s*noqa(?!:)|#\s*noqa:[^#]*\bF822\b")
# Names every module has without binding them.
_MODULE_NAMES = frozenset(dir(builtins)) | {
    "__file__", "__name__", "__doc__", "__spec__", "__loader__", "__package__", "__builtins__", "__path__",
    "__annotations__", "__dict__", "__class__", "__module__", "__qualname__", "__debug__", "__cached__",
}
# Calls that can create module names at run time: a module using them is not checked.
_DYNAMIC = frozenset({("globals",), ("exec",), ("setattr", ), ("vars",)})


@register
class UndefinedName(Rule):
    """A name used where no binding can reach it.

    What it finds:
        Names used in a module that nothing in the module imports, defines or assigns, in any
        scope (a missing import, a typo, a variable renamed), names a function reads that only
        another scope binds (a parameter of a sibling method, another function's local, a class
        attribute read bare in a method), and names in `__all__` that the module does not define.
        The uses and bindings (per scope) come from the one extraction pass, so the check costs
        nothing extra. It is deliberately conservative: anything a function or a class body
        inside it binds counts as visible to the function and what it nests, uses inside a
        `try` that catches `NameError` are skipped, and modules with `from x import *`, `exec` or `globals()` are not checked. A
        module-level `__getattr__` (PEP 562) may serve the names of `__all__` lazily, and
        `WindowsError` exists in a branch that runs only on Windows (`sys.platform == "win32"`).
        A name some module of the project puts into `builtins` (`gettext.install(...)` or a
        translation's `.install()` binds `_`, and what `names=` lists; `builtins.name = ...`) is
        defined for every module of the process.

    Why it matters:
        The line raises `NameError` (or `UnboundLocalError`) the first time it runs. Such
        lines are typically on rarely taken branches (error paths, fallbacks, stale-data
        warnings), so tests pass and production crashes exactly when something else is
        already going wrong.

    Example:
        age = datetime.utcnow() - last_seen   # datetime never imported

    Instead:
        Import or define the name (`from datetime import datetime, timezone`), fix the
        typo, or assign the variable on every path before it is read.
    """

    id = "RA701"
    name = "undefined-name"
    category = "undefined-name"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.1

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        facts = ctx.facts
        if facts.has_star_import or _dynamic(ctx):
            return
        always = _MODULE_NAMES | set(self.option("builtins", []))
        known = facts.bound_names | always
        for name, (line, col, in_annotation) in sorted(facts.name_uses.items(), key=lambda item: item[1]):
            if name not in known and not _noqa(ctx, line):
                yield self._undefined(ctx, name, line, col, in_annotation, _never_evaluated(ctx.tree, name))
        for func in facts.functions.values():
            for name, line, _col in func.extra.get("unbound_aug", ()):
                yield self._unbound(ctx, func, name, line)
            for name, line, col in func.extra.get("outer_reads", ()):
                if name in facts.bound_names and name not in always and not _noqa(ctx, line):
                    yield self._out_of_scope(ctx, func, name, line, col, _never_evaluated(_node_of(ctx, func), name))
        yield from self._exports(ctx)

    def _exports(self, ctx: FileContext) -> Iterator[Finding]:
        """Names in `__all__` the module never binds; not in a package (its `__all__` may list
        submodules), a module with a module-level `__getattr__`, or under `# noqa: F822`."""
        facts = ctx.facts
        if not facts.dunder_all or facts.is_package or _lazy_attributes(facts):
            return
        line = facts.assigns["__all__"].line if "__all__" in facts.assigns else 1
        if _NOQA_EXPORT.search(ctx.lines[line - 1] if line <= len(ctx.lines) else ""):
            return
        for name in facts.dunder_all:
            if name not in facts.bound_names:
                yield self._export(ctx, name, line)

    def _undefined(self, ctx: FileContext, name: str, line: int, col: int, in_annotation: bool,
                   inert: str = "") -> Finding:
        function = _enclosing(ctx, line)
        where = f"`{function.qualname}`" if function else "module level"
        description = (f"{where} uses `{name}` on line {line}, but nothing in {ctx.path} imports, "
                       "defines or assigns it")
        if inert:
            description += f". {_INERT[inert]} Type checkers and linters still report it, and it breaks as soon as " \
                           "the code around it changes."
            return self.finding(ctx.line_loc(line), f"Undefined name `{name}` in {where}", description,
                                recommendation=_suggestion(ctx, name, line, col, function), severity="LOW",
                                extra=_unless_installed(name))
        description += ": the line raises `NameError` whenever it runs."
        if in_annotation and ctx.facts.postpones_annotations():
            description = description.removesuffix(" whenever it runs.") + (
                " when the annotation is resolved: `from __future__ import annotations` keeps it as text, so "
                "it fails only where something evaluates it (`typing.get_type_hints`, pydantic, FastAPI, attrs "
                "or dataclass introspection).")
        elif in_annotation:
            description += (" The use is in an annotation, which fails when it is evaluated (at import "
                            "time without `from __future__ import annotations`, or when FastAPI, pydantic "
                            "or `typing.get_type_hints` resolve it).")
        return self.finding(ctx.line_loc(line), f"Undefined name `{name}` in {where}", description,
                            recommendation=_suggestion(ctx, name, line, col, function),
                            severity="MEDIUM" if in_annotation else self.severity, extra=_unless_installed(name))

    def _unbound(self, ctx: FileContext, func: FunctionFacts, name: str, line: int) -> Finding:
        where = f"`{func.qualname}`"
        description = (f"{where} updates `{name}` on line {line} (`{name} += ...`) without binding it first "
                       f"and without `global {name}`: the augmented assignment makes `{name}` local to the "
                       "whole function, so the read raises `UnboundLocalError`.")
        recommendation = (f"Declare `global {name}` at the top of {where} if the module-level value is meant, "
                          f"or assign `{name}` before line {line}.")
        return self.finding(ctx.line_loc(line), f"`{name}` read before assignment in {where}", description,
                            recommendation=recommendation)

    def _out_of_scope(self, ctx: FileContext, func: FunctionFacts, name: str, line: int, col: int,
                      inert: str = "") -> Finding:
        """A name bound in the module, but only in scopes `func` cannot see (another function's
        parameter or local, a class body)."""
        where = f"`{func.qualname}`"
        description = (f"{where} reads `{name}` on line {line}, but neither {where}, a function around it nor "
                       f"the module binds `{name}`: it is only bound inside another scope of {ctx.path} (a "
                       "parameter or local of another function, or a class body), which this function cannot "
                       "see. " + (f"{_INERT[inert]} Type checkers and linters still report it." if inert
                                  else "The line raises `NameError` whenever it runs."))
        return self.finding(ctx.line_loc(line), f"Undefined name `{name}` in {where}", description,
                            recommendation=_suggestion(ctx, name, line, col, func),
                            severity="LOW" if inert else None, extra=_unless_installed(name))

    def _export(self, ctx: FileContext, name: str, line: int) -> Finding:
        description = (f"`{name}` is in `__all__` but the module never defines or imports it, so "
                       f"`from {ctx.facts.module} import *` raises `AttributeError`.")
        return self.finding(ctx.line_loc(line), f"`__all__` lists `{name}`, which {ctx.path} does not define",
                            description, recommendation=f"Define or import `{name}` in {ctx.path}, or remove it "
                                                        "from `__all__`.")


_INERT = {
    "local-annotation": "Every use is the annotation of a local variable in a function body "
                        "(`seen: Set[str] = set()`), which Python never evaluates, so nothing raises at run time.",
    "unreachable": "Every use sits after a `return`, `raise`, `break` or `continue` in the same block, "
                   "so the line never runs: dead code that would raise `NameError` if it did.",
    "mixed": "Every use is either the annotation of a local variable in a function body, which Python never "
             "evaluates, or sits after a `return`, `raise`, `break` or `continue` in the same block, which "
             "never runs, so nothing raises at run time.",
}
_EXITS = (ast.Return, ast.Raise, ast.Break, ast.Continue)


def _unless_installed(name: str) -> dict:
    """The finding holds unless another module puts `name` into `builtins` for the whole process
    (`gettext.install("app")` binds `_` everywhere): this file's facts cannot tell, so the
    finishing step asks the model (`model.installed_builtins`) and drops it then."""
    return {"unless": [{"check": "installed-builtin", "name": name}]}


def _node_of(ctx: FileContext, func: FunctionFacts) -> ast.AST | None:
    """The syntax node of `func` (found by its first line; None if missing)."""
    return next((node for node in ast.walk(ctx.tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                 and node.lineno == func.line and node.name == func.name), None)


def _never_evaluated(tree: ast.AST | None, name: str) -> str:
    """Why no use of the undefined `name` can raise (a key of `_INERT`), "" when one can: every
    read is a local variable's annotation in a function body (PEP 526: never evaluated), or every
    read sits in a statement that follows an unconditional exit of its block (never runs), or
    each read is one of the two ("mixed"). Asked
    only for names already found undefined, so the walk is rare."""
    kinds: set[str] = set()

    def visit(node: ast.AST, in_function: bool, dead: bool) -> None:
        for field_name, value in ast.iter_fields(node):
            items = value if isinstance(value, list) else [value]
            exited = False
            for item in items:
                if not isinstance(item, ast.AST):
                    continue
                is_dead = dead or exited
                if isinstance(item, ast.Name) and item.id == name and isinstance(item.ctx, ast.Load):
                    kinds.add("unreachable" if is_dead else "live")
                elif isinstance(node, ast.AnnAssign) and field_name == "annotation" and in_function \
                        and isinstance(node.target, ast.Name):
                    found = any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(item))
                    if found:
                        kinds.add("unreachable" if is_dead else "local-annotation")
                else:
                    scope = isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) or \
                        in_function and not isinstance(item, ast.ClassDef)  # a class body's annotations run
                    visit(item, scope, is_dead)
                exited = exited or isinstance(item, _EXITS)
    if tree is None:
        return ""
    visit(tree, isinstance(tree, (ast.FunctionDef, ast.AsyncFunctionDef)), False)
    if len(kinds) == 1 and kinds <= {"local-annotation", "unreachable"}:
        return next(iter(kinds))
    if kinds == {"local-annotation", "unreachable"}:
        return "mixed"
    return ""


def _lazy_attributes(facts: ModuleFacts) -> bool:
    """The module defines `__getattr__` at module level (PEP 562): it serves names it does not
    bind, lazily (a lookup table, deprecated aliases), so `__all__` may list them."""
    return "__getattr__" in facts.functions or "__getattr__" in facts.assigns or any(
        imp.bound == "__getattr__" and not imp.in_function for imp in facts.imports)


def _dynamic(ctx: FileContext) -> bool:
    """The module may create names at run time (exec, globals(), setattr on itself)."""
    sites = list(ctx.facts.module_calls)
    for func in ctx.facts.functions.values():
        sites.extend(func.calls)
    return any(site.func in _DYNAMIC and (site.func != ("setattr",) or _on_module(site)) for site in sites)


def _on_module(site) -> bool:
    target = site.args[0] if site.args else None
    return isinstance(target, dict) and target.get("call") == "sys.modules.[]" or target == {"ref": "sys.modules.[]"}


def _enclosing(ctx: FileContext, line: int) -> FunctionFacts | None:
    found = None
    for func in ctx.facts.functions.values():
        if func.line <= line <= func.end_line and (found is None or func.line >= found.line):
            found = func
    return found


def _known_names(ctx: FileContext, function: FunctionFacts | None) -> list[str]:
    names = {imp.bound for imp in ctx.facts.imports} | set(ctx.facts.assigns)
    names |= {q for q in list(ctx.facts.functions) + list(ctx.facts.classes) if "." not in q}
    if function is not None:
        names |= {p.name for p in function.params} | set(function.local_types)
    return sorted(names | set(dir(builtins)))


def _suggestion(ctx: FileContext, name: str, line: int, col: int, function: FunctionFacts | None) -> str:
    close = difflib.get_close_matches(name, _known_names(ctx, function), n=1, cutoff=0.8)
    if close:
        return f"Did you mean `{close[0]}`? Otherwise import or define `{name}`."
    if name in sys.stdlib_module_names:
        return (f"Add the missing import at the top of {ctx.path}:\n\n"
                f"```python\n{_stdlib_import(ctx, name, line, col)}\n```")
    return f"Import or define `{name}` in {ctx.path} (or fix the name if it is a typo)."


def _stdlib_import(ctx: FileContext, name: str, line_no: int, col: int) -> str:
    """`from datetime import datetime` when the code uses an attribute of the same-named class,
    judged only from modules already loaded here (nothing is imported for the check)."""
    module = sys.modules.get(name)
    line = ctx.lines[line_no - 1] if line_no <= len(ctx.lines) else ""
    after = _ATTR_AFTER.match(line[col + len(name):])
    if module is not None and after:
        attr = after.group(1)
        member = getattr(module, name, None)
        if not hasattr(module, attr) and member is not None and hasattr(member, attr):
            return f"from {name} import {name}"
    return f"import {name}"


def _noqa(ctx: FileContext, line: int) -> bool:
    """The line silences undefined names (`# noqa`, `# noqa: F821`, `# type: ignore[name-defined]`)."""
    return bool(_NOQA.search(ctx.lines[line - 1] if line <= len(ctx.lines) else ""))

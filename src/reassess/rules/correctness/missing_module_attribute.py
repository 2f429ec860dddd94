"""RA704 missing-module-attribute (category undefined-name)."""
from __future__ import annotations

import bisect
import difflib
import sys
from typing import Iterable, Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...model.project import ProjectModel
from ...model.resolve import star_source
from ...model.symbols import resolve_relative
from ..api import ProjectContext, Rule, register
from .receivers import receivers_of, shadows_stdlib

Use = tuple[ModuleFacts, str, int]  # the using module, the expression up to the missing name, its line


@register
class MissingModuleAttribute(Rule):
    """A project module's attribute that the module does not define.

    What it finds:
        `module.NAME` where `module` is an imported project module (`from app import
        config`, `import app.services.risk as risk`) and that module binds no top-level
        `NAME`: no def, class, assignment or import of it, no submodule of that name, and
        nothing that makes the module dynamic (`__getattr__`, a star import, `globals()`,
        an assignment `module.NAME = ...` anywhere). Uses of one missing name are reported
        once, with every other use as a related location.

    Why it matters:
        The expression raises `AttributeError` when it runs. Renamed settings and moved
        helpers are the usual cause; like a missing import, the line tends to sit on a path
        that tests do not exercise.

    Example:
        from app import config
        interval = config.PRICE_POLL_INTERVAL   # config defines PRICE_POLL_INTERVAL_SECONDS

    Instead:
        Use the name the module defines (or add it there):

            interval = config.PRICE_POLL_INTERVAL_SECONDS
    """

    id = "RA704"
    name = "missing-module-attribute"
    category = "undefined-name"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.1

    #: True in the subclass that reports calls of a missing module function (category wrong-call)
    calls = False

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        missing, examined = model.memo("correctness.missing_module_attributes", lambda: _missing_attributes(model))
        ctx.examine("project module attribute uses", examined)
        for target, name, uses, called in missing:
            if called == self.calls:
                yield self._finding(model, target, name, uses)

    def _finding(self, model: ProjectModel, target: str, name: str, uses: list[Use]) -> Finding:
        facts, expression, line = uses[0]
        target_facts = model.modules[target]
        others = f" It is used {len(uses)} times; the other uses are listed as related locations." \
            if len(uses) > 1 else ""
        description = (f"`{expression}` on line {line} of {facts.path} reads `{name}` from the project module "
                       f"`{target}` ({target_facts.path}), which defines, assigns or imports no `{name}` at top "
                       f"level and has no submodule of that name: the expression raises `AttributeError`."
                       + others)
        related = [Location(target_facts.path, 1, 1, f"{target_facts.path} defines no `{name}`")]
        related += [Location(f.path, ln, ln, f"also uses `{name}`") for f, _, ln in uses[1:]]
        return self.finding(
            Location(facts.path, line, line), f"`{expression}` does not exist: `{target}` defines no `{name}`",
            description, recommendation=_closest(model, target, name, expression, model.line_text(facts.path, line)),
            related=related,
        )


def _missing_attributes(model: ProjectModel) -> tuple[list[tuple[str, str, list[Use], bool]], int]:
    """Every missing (module, name) with its uses and whether it is called as a function, sorted,
    and the number of module attribute uses examined; found once per run for RA704 and RA710."""
    checker = _ModuleAttributes(model)
    missing: dict[tuple[str, str], list[Use]] = {}
    for module in sorted(model.modules):
        facts = model.modules[module]
        for dotted, line, _col, store in facts.attr_refs:
            found = None if store else checker.missing(facts, dotted, line)
            if found:
                target, name, expression = found
                missing.setdefault((target, name), []).append((facts, expression, line))
    found = [(target, name, uses, function_called(name, uses, model.bindings[target]))
             for (target, name), uses in sorted(missing.items())]
    return found, checker.examined


class _ModuleAttributes:
    """Answers "does this `name.attr` chain read a missing attribute of a project module?"."""

    def __init__(self, model: ProjectModel) -> None:
        self.model = model
        self.receivers = receivers_of(model)
        self.stored = {ref[0].rsplit(".", 1)[-1] for facts in model.modules.values() for ref in facts.attr_refs
                       if ref[3]}
        self._dynamic: dict[str, bool] = {}
        self._starts: dict[str, tuple[list[int], list[FunctionFacts]]] = {}
        self.examined = 0

    def missing(self, facts: ModuleFacts, dotted: str, line: int) -> tuple[str, str, str] | None:
        """(module, missing name, the expression up to it) or None."""
        parts = dotted.split(".")
        func = self._enclosing(facts, line)
        if func is None and _class_body_binds(facts, parts[0], line):
            return None  # `@url.setter` after `def url` in a class body reads the class's own `url`
        module = self._module_bound(facts, func, parts[0], line)
        if module is None:
            return None
        self.examined += 1
        for index, part in enumerate(parts[1:], 2):
            if part.startswith("__") and part.endswith("__"):
                return None
            if f"{module}.{part}" in self.model.modules:
                if _rebinds_submodule(self.model, module, part):
                    return None  # the package's __init__ binds `part` to something else: that wins
                module = f"{module}.{part}"
                continue
            return None if self._defines(module, part) else (module, part, ".".join(parts[:index]))
        return None

    def _module_bound(self, facts: ModuleFacts, func: FunctionFacts | None, name: str, line: int) -> str | None:
        """The project module `name` is bound to at this line, when that is certain."""
        if func is not None and self.receivers.name_type(facts, func, name, 0) is None:
            local = _function_import(facts, func, name)
            if local not in self.model.modules:
                return None
            parent, _, last = local.rpartition(".")
            return None if _rebinds_submodule(self.model, parent, last) else local
        found = self.receivers.name_type(facts, func, name, 0)
        if found is None or found[0] != "module":
            return None
        binding = self.model.bindings[facts.module].get(name)
        if binding is None or binding.kind != "import" or shadows_stdlib(facts, name, binding.target):
            return None
        parent, _, last = found[1].rpartition(".")
        if _rebinds_submodule(self.model, parent, last):
            return None  # `from app import db` where app/__init__ binds `db` to something else: that wins
        return found[1]

    def _defines(self, module: str, name: str) -> bool:
        facts = self.model.modules[module]
        return (name in self.model.bindings[module] or name in facts.other_bindings or name in self.stored
                or self._is_dynamic(module))

    def _is_dynamic(self, module: str) -> bool:
        if module not in self._dynamic:
            facts = self.model.modules[module]
            sites = list(facts.module_calls) + [s for f in facts.functions.values() for s in f.calls]
            self._dynamic[module] = (facts.has_star_import or "__getattr__" in facts.functions
                                     or any(_makes_dynamic(s.func, s.args) for s in sites))
        return self._dynamic[module]

    def _enclosing(self, facts: ModuleFacts, line: int) -> FunctionFacts | None:
        if facts.module not in self._starts:
            funcs = sorted(facts.functions.values(), key=lambda f: (f.line, -f.end_line))
            self._starts[facts.module] = ([f.line for f in funcs], funcs)
        starts, funcs = self._starts[facts.module]
        index = bisect.bisect_right(starts, line) - 1
        while index >= 0:
            if funcs[index].line <= line <= funcs[index].end_line:
                return funcs[index]
            index -= 1
        return None


def function_called(name: str, uses: list[Use], defined: Iterable[str]) -> bool:
    """Whether the missing name is called as a function (`repo.trim(...)`), not read or raised.

    A called lower-case name that is no misspelling of a defined one (`utc_now` for `utcnow`)
    asks for a function the module lacks (a wrong call); a missing class (`errors.Locked(...)`),
    constant or misspelt name is a name that does not exist.
    """
    if name[:1].isupper() or _misspelt(name, defined):
        return False
    for facts, expression, line in uses:
        sites = list(facts.module_calls) + [s for f in facts.functions.values()
                                            if f.line <= line <= f.end_line for s in f.calls]
        if any(s.line == line and s.func and ".".join(s.func) == expression for s in sites):
            return True
    return False


def _misspelt(name: str, defined: Iterable[str]) -> bool:
    """`name` differs from a defined name only in case, underscores or one character."""
    squashed = name.replace("_", "").lower()
    for other in defined:
        other_squashed = other.replace("_", "").lower()
        if squashed == other_squashed or difflib.SequenceMatcher(None, squashed, other_squashed).ratio() >= 0.9:
            return True
    return False


def _rebinds_submodule(model: ProjectModel, package: str, name: str) -> bool:
    """Whether `package` binds `name` to something other than its submodule `package.name`.

    `from pkg.tasks.cleanup import cleanup` in pkg/tasks/__init__.py replaces the submodule
    attribute with the imported object, so `tasks.cleanup` is that object, not the module; so
    does `from pkg.tasks.cleanup import *` when that module binds its own `cleanup`.
    """
    rebound = model.bindings.get(package, {}).get(name)
    if rebound is None:
        return package in model.modules and star_source(model, package, name) is not None
    return rebound.kind != "import" or rebound.target != f"{package}.{name}"


def _class_body_binds(facts: ModuleFacts, name: str, line: int) -> bool:
    """Whether a class body around `line` binds `name` before it (a method or class attribute).

    Code in a class body sees the class's own names first: after `@property def url(self)`,
    `@url.setter` reads that property, not the module `url` imported at top level.
    """
    for cls in facts.classes.values():
        if not cls.line <= line <= cls.end_line:
            continue
        method = facts.functions.get(f"{cls.qualname}.{name}")
        if method is not None and method.line < line:
            return True
        if cls.attr_lines.get(name, line) < line:
            return True
    return False


def _function_import(facts: ModuleFacts, func: FunctionFacts, name: str) -> str:
    """The module an import inside `func` binds to `name` ("" when there is none)."""
    for imp in facts.imports:
        if imp.in_function and imp.bound == name and func.line <= imp.line <= func.end_line:
            absolute = resolve_relative(facts.module, facts.is_package, imp)
            if imp.level == 0 and absolute.split(".")[0] in sys.stdlib_module_names:
                return ""
            if imp.name:
                return f"{absolute}.{imp.name}" if absolute else imp.name
            return absolute if imp.alias else absolute.split(".")[0]
    return ""


def _makes_dynamic(func: tuple[str, ...] | None, args: tuple) -> bool:
    """`globals()`, `vars()` or `setattr(sys.modules[...], ...)` in the module."""
    if func in (("globals",), ("vars",)):
        return True
    first = args[0] if args else None
    return func == ("setattr",) and isinstance(first, dict) and str(first.get("ref", "")).startswith("sys.modules")


def _closest(model: ProjectModel, module: str, name: str, expression: str, line: str) -> str:
    names = sorted(n for n in model.bindings[module] if not n.startswith("__"))
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if not close:
        return f"Define `{name}` in `{module}`, or read an attribute it defines."
    fixed = expression[: -len(name)] + close[0]
    example = f"\n\n```python\n{line.replace(expression, fixed)}\n```" if expression in line else ""
    return f"`{module}` defines `{close[0]}`; use it (or add `{name}` to the module):{example}"

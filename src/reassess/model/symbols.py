"""Module-level bindings: what each name in a module refers to (imports, defs, assignments)."""
from __future__ import annotations

from dataclasses import dataclass

from ..facts.types import ImportFact, ModuleFacts


@dataclass(frozen=True, slots=True)
class Binding:
    """`target` is a dotted name: a project module/symbol or an external one."""

    target: str
    line: int
    kind: str  # "import", "function", "class", "variable"


def resolve_relative(module: str, is_package: bool, imp: ImportFact) -> str:
    """The absolute module an import statement names (relative levels resolved)."""
    if imp.level == 0:
        return imp.module
    parts = module.split(".") if module else []
    base = parts if is_package else parts[:-1]
    if imp.level > 1:
        base = base[: len(base) - (imp.level - 1)] if imp.level - 1 <= len(base) else []
    return ".".join([*base, imp.module] if imp.module else base)


def module_bindings(facts: ModuleFacts, known_modules: set[str]) -> dict[str, Binding]:
    """Bindings visible at module level, later statements of the same kind winning."""
    bindings: dict[str, Binding] = {}
    for imp in facts.imports:
        if imp.in_function:
            continue
        absolute = resolve_relative(facts.module, facts.is_package, imp)
        if imp.name:
            if imp.name == "*":
                continue
            bindings[imp.bound] = Binding(f"{absolute}.{imp.name}" if absolute else imp.name, imp.line, "import")
        elif imp.alias:
            bindings[imp.alias] = Binding(absolute, imp.line, "import")
        else:
            head = absolute.split(".")[0]
            bindings[head] = Binding(head, imp.line, "import")
    for name, assign in facts.assigns.items():
        bindings.setdefault(name, Binding(f"{facts.module}.{name}", assign.line, "variable"))
    for qualname, cls in facts.classes.items():
        if "." not in qualname:
            bindings[qualname] = Binding(f"{facts.module}.{qualname}", cls.line, "class")
    for qualname, func in facts.functions.items():
        if "." not in qualname:
            bindings[qualname] = Binding(f"{facts.module}.{qualname}", func.line, "function")
    return bindings


def imported_module(facts: ModuleFacts, imp: ImportFact, known_modules: set[str]) -> str | None:
    """The project module an import depends on (a `from pkg import mod` names the submodule)."""
    absolute = resolve_relative(facts.module, facts.is_package, imp)
    if imp.name and imp.name != "*":
        candidate = f"{absolute}.{imp.name}" if absolute else imp.name
        if candidate in known_modules:
            return candidate
    if absolute in known_modules:
        return absolute
    # `import a.b.c` where only `a.b` is ours: the longest known prefix, unless that is a package
    # the importer itself lives in (Python has initialised it before the importer: no dependency)
    parts = absolute.split(".")
    for size in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:size])
        if prefix in known_modules:
            return None if facts.module.startswith(prefix + ".") else prefix
    return None

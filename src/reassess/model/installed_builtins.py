"""Names the program puts into `builtins` for the whole process (`gettext.install("app")` binds
`_`), read from the call edges and attribute stores the model already holds: a file rule that
finds `_` unbound in one module cannot see the install in another, so it defers to this."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from ..knowledge.builtin_installers import (ALWAYS_INSTALLED, BUILTINS_MODULE, INSTALL_FUNCTIONS, NAMES_OPTION,
                                            TRANSLATIONS)
from .app import scope_facts
from .edges import Edge

if TYPE_CHECKING:
    from .project import ProjectModel


def installed_builtins(model: "ProjectModel") -> frozenset[str]:
    """Every name some module installs into `builtins`, computed once per run."""
    return model.memo("installed_builtins", lambda: frozenset(_installed(model)))


def _installed(model: "ProjectModel") -> set[str]:
    names: set[str] = set()
    module_edges = [edge for edges in model.module_edges.values() for edge in edges]
    for edge in (*model.calls_named("install"), *(e for e in module_edges if e.site.func and
                                                   e.site.func[-1] == "install")):
        names |= _gettext_install(model, edge)
    for edge in (*model.calls_to("setattr"), *(e for e in module_edges if e.site.func == ("setattr",))):
        names |= _setattr_on_builtins(model, edge)
    for facts in model.modules.values():
        names |= _builtins_stores(facts)
    return names


def _gettext_install(model: "ProjectModel", edge: Edge) -> set[str]:
    """`gettext.install(...)` or `<translation>.install(...)`: `_` and what `names=` lists (every
    name it may list when the value is not written out)."""
    target = edge.target
    function = target.kind == "external" and target.name in INSTALL_FUNCTIONS
    if not (function or _translation_install(model, edge)):
        return set()
    listed = _listed_names(edge.site, function)
    if not isinstance(listed, list):
        return {ALWAYS_INSTALLED, *NAMES_OPTION}
    return {ALWAYS_INSTALLED, *(name for name in listed if name in NAMES_OPTION)}


def _translation_install(model: "ProjectModel", edge: Edge) -> bool:
    """The `install` method of a translations object, resolved (`NullTranslations.install`) or
    called on the result of a translation factory (`gettext.translation(...).install()`)."""
    target = edge.target
    return target.kind == "external" and target.name.rpartition(".")[0] in TRANSLATIONS \
        or _on_translation(model, edge)


def _listed_names(site: Any, function: bool) -> Any:
    """The `names` value of an install call: `[]` when it is left out or `None` (only `_` is
    installed), the literal list when written out, anything else (`None` when `*args` or
    `**kwargs` may carry it) when it is not known. The method, unlike `gettext.install`, also takes
    `names` as its first positional argument."""
    if "names" in site.none_kwargs:
        return []
    if "names" in site.kwargs:
        return site.kwargs["names"]
    if not function and site.args:
        return site.args[0]
    return [] if not site.star_args else None


def _on_translation(model: "ProjectModel", edge: Edge) -> bool:
    """`gettext.translation(...).install()`: the method called on the result of a call whose callee
    is one of the translation factories (the resolver leaves such a call unresolved)."""
    site = edge.site
    if site.func != ("()", "install") or not site.callee_is_call:
        return False
    facts, func = scope_facts(model, edge.caller)
    found = model.resolver.type_of_chain(facts, func, tuple(site.callee_is_call.split(".")))
    return found is not None and found[0] in ("ext", "class") and found[1] in TRANSLATIONS


def _setattr_on_builtins(model: "ProjectModel", edge: Edge) -> set[str]:
    """`setattr(builtins, "name", value)` with the name written out."""
    args = edge.site.args
    facts, _func = scope_facts(model, edge.caller)
    if len(args) < 2 or not isinstance(args[1], str) or not isinstance(args[0], dict):
        return set()
    return {args[1]} if args[0].get("ref") in _builtins_aliases(facts.imports) else set()


def _builtins_stores(facts: Any) -> set[str]:
    """`builtins.name = value` (the store rooted at an import of the `builtins` module)."""
    aliases = _builtins_aliases(facts.imports)
    if not aliases:
        return set()
    found = set()
    for dotted, _line, _col, is_store in facts.attr_refs:
        root, _, rest = dotted.partition(".")
        if is_store and root in aliases and rest and "." not in rest:
            found.add(rest)
    return found


def _builtins_aliases(imports: Iterable[Any]) -> set[str]:
    """The names a module binds to the `builtins` module itself."""
    return {imp.bound for imp in imports if imp.module == BUILTINS_MODULE and not imp.name and not imp.level}

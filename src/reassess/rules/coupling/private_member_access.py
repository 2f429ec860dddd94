"""RA872 tight-coupling: code reaching into another class's or package's private members."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ...model.symbols import resolve_relative
from .._scope import reviewed_modules
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural

if TYPE_CHECKING:
    from ...facts.types import ModuleFacts
    from ...model.project import ProjectModel

# Underscore names that are public API by convention (namedtuple, enum).
PUBLIC_UNDERSCORE = frozenset({"_replace", "_asdict", "_fields", "_make", "_field_defaults", "_value_", "_name_",
                               "_missing_", "_generate_next_value_", "_member_map_", "_member_names_"})
MAX_RELATED = 40


@dataclass(frozen=True)
class Reach:
    """One use of a private member: where, and whose member it is."""

    path: str
    line: int
    owner: str  # the class (fq) or module owning the member
    member: str
    text: str  # as written, e.g. "self.dm._pool.acquire"
    caller: str = ""  # the function reaching in, when it is one


@register
class PrivateMemberAccess(Rule):
    """Code that uses another class's or another package's private (`_name`) members.

    What it finds:
        Calls and attribute reads through an object of a project class to one of that
        class's `_private` methods or attributes, from a module other than the class's own
        and from code outside its class hierarchy (`self.dm._pool.acquire()`,
        `manager._connections.clear()`); and imports or reads of a module's `_private`
        names from another package (`from app.services.orders import _order_event` in
        `app/routes/...`). Tests are left out, and so are the underscore names that are
        public by convention (`_replace`, `_asdict`). One finding per owner, listing every
        place that reaches in.

    Why it matters:
        The owner cannot change its internals without breaking code it does not know
        about; invariants it keeps (a lock around `_connections`, a pool it sizes) can be
        bypassed; and the dependency is invisible in its public interface, so reviews of
        the owner miss it.

    Example:
        async with self.dm._pool.acquire() as conn:  # the data layer's private pool
            await conn.execute("DELETE FROM orders WHERE ...")

    Instead:
        Give the owner a public method for what the caller needs and call that:

            await self.dm.delete_expired_orders(cutoff)
    """

    id = "RA872"
    name = "private-member-access"
    category = "tight-coupling"
    severity = "LOW"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        found: dict[str, list[Reach]] = {}
        for facts in reviewed_modules(model):
            for reach in _object_reaches(model, facts) + _module_reaches(model, facts):
                found.setdefault(reach.owner, []).append(reach)
        for owner in sorted(found):
            reaches = sorted(set(found[owner]), key=lambda r: (r.path, r.line, r.member))
            yield self._finding(model, owner, reaches)

    def _finding(self, model: "ProjectModel", owner: str, reaches: list[Reach]) -> Finding:
        first = reaches[0]
        is_class = owner in model.classes
        where = model.classes[owner][0].path if is_class else model.modules[owner].path
        name = owner.rsplit(".", 1)[-1] if is_class else owner
        members = sorted({r.member for r in reaches})
        modules = sorted({r.path for r in reaches})
        listed = "; ".join(f"`{r.text}` ({r.path}:{r.line})" for r in reaches[:8])
        return self.finding(
            Location(first.path, first.line, first.line),
            f"Private members of `{name}` used from {plural(len(modules), 'other module')}",
            f"{'Class' if is_class else 'Module'} `{name}` ({where}) keeps "
            f"{', '.join(f'`{m}`' for m in members[:8])} private, but {plural(len(modules), 'module')} outside it "
            f"use{'s' if len(modules) == 1 else ''} {'them' if len(members) > 1 else 'it'}: {listed}"
            f"{' ...' if len(reaches) > 8 else ''}.",
            recommendation=_recommendation(name, first, is_class),
            severity="MEDIUM" if len(modules) > 1 else "LOW",
            related=[Location(r.path, r.line, r.line, f"uses `{r.member}` of `{name}`")
                     for r in reaches[1:MAX_RELATED]],
            extra={"owner": owner, "members": members},
        )


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__")) and \
        name not in PUBLIC_UNDERSCORE


def _object_reaches(model: "ProjectModel", facts: "ModuleFacts") -> list[Reach]:
    """`x.y._z...` in calls, where `x.y` is an instance of a project class defined in another module."""
    out: list[Reach] = []
    resolver = model.resolver
    for qualname, func in facts.functions.items():
        own = _own_hierarchy(model, facts, func.class_name)
        for site in func.calls:
            chain = site.func or ()
            index = next((i for i, part in enumerate(chain) if i > 0 and _private(part)), 0)
            if not index or chain[:index] in (("self",), ("cls",)):
                continue
            found = resolver.type_of_chain(facts, func, tuple(chain[:index]))
            if not found or found[0] != "instance" or found[1] in own or found[1] not in model.classes:
                continue
            owner_facts, cls = model.classes[found[1]]
            if owner_facts.module == facts.module or not _member_of(model, found[1], chain[index]):
                continue
            out.append(Reach(facts.path, site.line, found[1], chain[index], ".".join(chain), func.name))
    return out


def _own_hierarchy(model: "ProjectModel", facts: "ModuleFacts", class_name: str) -> set[str]:
    """The enclosing class, its project bases, and (for protected use) the classes derived from it."""
    if not class_name:
        return set()
    fq = f"{facts.module}.{class_name.split('.<locals>')[0]}"
    return set(model.mro(fq))


def _member_of(model: "ProjectModel", class_fq: str, member: str) -> bool:
    """The class (or a project base) defines the member: a method, class attribute or `self.x` binding."""
    for fq in model.mro(class_fq):
        facts, cls = model.classes[fq]
        if member in cls.methods or member in cls.class_attrs or member in cls.annotations:
            return True
        for method in cls.methods:
            func = facts.functions.get(f"{cls.qualname}.{method}")
            if func is not None and member in func.self_attrs:
                return True
    return False


def _module_reaches(model: "ProjectModel", facts: "ModuleFacts") -> list[Reach]:
    """`from pkg.mod import _name` (and `mod._name` reads) across packages."""
    out: list[Reach] = []
    package = facts.module.rsplit(".", 1)[0] if "." in facts.module else ""
    for imp in facts.imports:
        if not imp.name or not _private(imp.name):
            continue
        source = resolve_relative(facts.module, facts.is_package, imp)
        if _exported(model, source, imp.name):
            continue
        if source in model.modules and _other_package(source, package) and f"{source}.{imp.name}" not in model.modules:
            out.append(Reach(facts.path, imp.line, source, imp.name, f"from {source} import {imp.name}"))
    bindings = model.bindings.get(facts.module, {})
    for chain, line, _col, store in facts.attr_refs:
        parts = chain.split(".")
        binding = bindings.get(parts[0])
        if store or binding is None or binding.kind != "import" or binding.target not in model.modules:
            continue
        if len(parts) > 1 and _private(parts[1]) and _other_package(binding.target, package) \
                and not _exported(model, binding.target, parts[1]):
            out.append(Reach(facts.path, line, binding.target, parts[1], chain))
    return out


def _exported(model: "ProjectModel", module: str, name: str) -> bool:
    """Listed in the module's `__all__`: exported on purpose, whatever its spelling."""
    facts = model.modules.get(module)
    return facts is not None and name in (facts.dunder_all or ())


def _other_package(module: str, package: str) -> bool:
    """A module outside the importer's package (siblings may share `_helpers`)."""
    owner_package = module.rsplit(".", 1)[0] if "." in module else ""
    return owner_package != package and not module.startswith(package + ".") if package else bool(owner_package)


def _recommendation(name: str, reach: Reach, is_class: bool) -> str:
    public = reach.member.lstrip("_")
    if is_class:
        method = reach.caller.lstrip("_") or f"{public}_operation"
        return (f"Give `{name}` a public method for what callers do with `{reach.member}`, and call it instead "
                f"(the private member stays private):\n\n```python\nclass {name}:\n"
                f"    async def {method}(self, ...):  # what `{reach.text}` is used for, moved here\n"
                f"        ...  # uses self.{reach.member}\n```")
    return (f"Make it public where it is shared: rename `{reach.member}` to `{public}` in `{name}` (keeping "
            f"`{reach.member} = {public}` for old callers), or move it into a shared helpers module both import.")

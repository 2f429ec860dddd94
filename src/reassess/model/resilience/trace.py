"""Where a value comes from: follow a name, attribute or argument back to the call that
constructed it, the literal it was given, or the parameter it arrived through.

Used to find the client a call is made on (`self._client.get` -> `httpx.AsyncClient(...)`
in `__init__`), and the effective value of a keyword (`timeout=settings.ticker_timeout`).
Only proven steps are taken; anything else ends as "unknown", never as a guess.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ...facts.types import ArgValue, CallSite, FunctionFacts, ModuleFacts
from ...knowledge.descriptors import is_property
from ..resolve import Target

if TYPE_CHECKING:
    from ..project import ProjectModel

_MAX_DEPTH = 8
_MAX_CALLERS = 12


@dataclass(frozen=True)
class Origin:
    """kind: "call" (site is the constructing call), "const" (value), "none" (a literal None
    confirmed in the source), "param" (an argument nobody passes visibly), "module",
    "symbol", "ext" (an external name) or "unknown"."""

    kind: str
    facts: ModuleFacts | None = None
    func: FunctionFacts | None = None
    site: CallSite | None = None
    value: ArgValue = None
    name: str = ""

    @property
    def function_fq(self) -> str:
        if self.facts is None:
            return ""
        return f"{self.facts.module}.{self.func.qualname}" if self.func else self.facts.module


UNKNOWN = Origin("unknown")


class Tracer:
    """Follows values through the project model; one per model (holds a site index)."""

    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self._targets: dict[int, Target] = {}
        self._members: dict[tuple[str, str, int], tuple[Origin, ...]] = {}
        for edges in list(model.edges.values()) + list(model.module_edges.values()):
            for edge in edges:
                self._targets[id(edge.site)] = edge.target

    # ----- call sites ------------------------------------------------------------------------
    def target(self, site: CallSite) -> Target | None:
        return self._targets.get(id(site))

    def find_site(self, facts: ModuleFacts, func: FunctionFacts | None, name: str, line: int) -> CallSite | None:
        sites = func.calls if func is not None else facts.module_calls
        for site in sites:
            if site.line == line and site.name == name and not site.offloaded:
                return site
        return None

    def call_name(self, site: CallSite) -> str:
        """The canonical name a site calls: the external dotted name or the project fq."""
        target = self.target(site)
        return target.name if target is not None and target.kind != "unresolved" else ""

    # ----- values ----------------------------------------------------------------------------
    def origins(self, facts: ModuleFacts, func: FunctionFacts | None, value: ArgValue,
                depth: int = 0) -> list[Origin]:
        """Where `value` (an argument or binding in literal form) comes from. A None in
        literal form is unknown here (it also stands for expressions the facts cannot keep):
        callers confirm a written None from the source."""
        if depth > _MAX_DEPTH or value is None:
            return [UNKNOWN]
        if isinstance(value, (str, int, float, bool, list)):
            return [Origin("const", facts, func, value=value)]
        if not isinstance(value, dict):
            return [UNKNOWN]
        if "call" in value:
            site = self.find_site(facts, func, value["call"], value.get("line", 0))
            return [Origin("call", facts, func, site, name=value["call"])] if site else [UNKNOWN]
        if "ref" in value:
            return self.ref_origins(facts, func, value["ref"].split("."), depth + 1)
        if "or" in value:  # `x or default`: every alternative is possible
            out: list[Origin] = []
            for item in value["or"]:
                out.extend(self.origins(facts, func, item, depth + 1))
            return out or [UNKNOWN]
        return [UNKNOWN]

    def ref_origins(self, facts: ModuleFacts, func: FunctionFacts | None, chain: list[str],
                    depth: int) -> list[Origin]:
        if depth > _MAX_DEPTH or not chain or "[]" in chain:
            return [UNKNOWN]
        if "state" in chain[1:] and chain[chain.index("state", 1) - 1] == "app":
            index = chain.index("state", 1)
            if index + 1 < len(chain):
                return self._state_origins(chain[index + 1], chain[index + 2:], depth)
        head, rest = chain[0], chain[1:]
        class_fq = self._self_class(facts, func) if head == "self" and rest else ""
        if class_fq:
            return self._member_chain(class_fq, rest, depth)
        if func is not None and head in func.local_types:
            return self._then(self.origins(facts, func, func.local_types[head], depth + 1), rest, depth)
        if func is not None and any(p.name == head for p in func.params):
            return self._then(self.param_origins(facts, func, head, depth + 1), rest, depth)
        return self._then(self._module_name(facts, head, depth + 1), rest, depth)

    def _self_class(self, facts: ModuleFacts, func: FunctionFacts | None) -> str:
        """The class `self` names in `func`: its own, or, for a nested function reading its method's
        `self` from the closure (`async def _send(): await self._http.post(...)`), that method's."""
        if func is None:
            return ""
        if func.class_name:
            return f"{facts.module}.{func.class_name}"
        if not func.is_nested or ".<locals>." not in func.qualname or any(p.name == "self" for p in func.params) \
                or "self" in func.local_types:
            return ""
        outer = self.model.functions.get(f"{facts.module}.{func.qualname.split('.<locals>.', 1)[0]}")
        return f"{facts.module}.{outer[1].class_name}" if outer is not None and outer[1].class_name else ""

    def _then(self, origins: list[Origin], rest: list[str], depth: int) -> list[Origin]:
        """Apply the remaining attribute steps to each origin."""
        if not rest:
            return origins
        out: list[Origin] = []
        for origin in origins:
            out.extend(self._attribute(origin, rest, depth + 1))
        return out or [UNKNOWN]

    def _attribute(self, origin: Origin, rest: list[str], depth: int) -> list[Origin]:
        if origin.kind == "call" and origin.site is not None:
            target = self.target(origin.site)
            if target is not None and target.kind == "class":
                return self._member_chain(target.name, rest, depth)
            if target is not None and target.kind == "external":
                return [Origin("ext", name=".".join([target.name, *rest]))]
        if origin.kind == "module" and origin.name in self.model.modules:
            return self.ref_origins(self.model.modules[origin.name], None, rest, depth + 1)
        if origin.kind == "symbol" and origin.name in self.model.classes:
            return self._member_chain(origin.name, rest, depth)
        if origin.kind == "ext":
            return [Origin("ext", name=".".join([origin.name, *rest]))]
        return [UNKNOWN]

    def _member_chain(self, class_fq: str, rest: list[str], depth: int) -> list[Origin]:
        return self._then(self.member_origins(class_fq, rest[0], depth + 1), rest[1:], depth)

    def member_origins(self, class_fq: str, attr: str, depth: int = 0) -> list[Origin]:
        """Values assigned to `self.<attr>` in the class's methods (or its class attribute).
        Memoised: every call on `self.client` asks again, and the model does not change."""
        key = (class_fq, attr, depth)
        found = self._members.get(key)
        if found is None:
            found = self._members[key] = tuple(self._member_origins(class_fq, attr, depth))
        return list(found)

    def _member_origins(self, class_fq: str, attr: str, depth: int) -> list[Origin]:
        model = self.model
        out: list[Origin] = []
        for cls_fq in model.mro(class_fq):
            facts, cls = model.classes[cls_fq]
            for _, method_facts, method in model.self_attr_writers(cls_fq).get(attr, ()):
                out.extend(self.origins(method_facts, method, method.self_attrs[attr], depth + 1))
            if out:
                return out
            if attr in cls.class_attrs:
                return self.origins(facts, None, cls.class_attrs[attr], depth + 1)
            prop = model.functions.get(f"{cls_fq}.{attr}")
            if prop is not None and is_property(prop[1]):
                for value in prop[1].returns_values:  # `self.session` -> `return self._session`
                    out.extend(self.origins(prop[0], prop[1], value, depth + 1))
                return out or [UNKNOWN]
        return [UNKNOWN]

    def _state_origins(self, attr: str, rest: list[str], depth: int) -> list[Origin]:
        out: list[Origin] = []
        for facts, func, value in self.model.state_assigns.get(attr, []):
            out.extend(self.origins(facts, func, value, depth + 1))
        return self._then(out or [UNKNOWN], rest, depth)

    def _module_name(self, facts: ModuleFacts, name: str, depth: int) -> list[Origin]:
        binding = self.model.bindings.get(facts.module, {}).get(name)
        if binding is None:
            return [UNKNOWN]
        if binding.kind == "variable":
            assign = facts.assigns[name]
            if assign.is_none:
                return [Origin("none", facts)]
            return self.origins(facts, None, assign.value, depth + 1)
        if binding.kind in ("class", "function"):
            return [Origin("symbol", facts, name=binding.target)]
        return self._dotted(binding.target, depth + 1)

    def _dotted(self, dotted: str, depth: int) -> list[Origin]:
        model = self.model
        if dotted in model.modules:
            return [Origin("module", name=dotted)]
        if dotted in model.classes or dotted in model.functions:
            return [Origin("symbol", name=dotted)]
        module, _, name = dotted.rpartition(".")
        if module in model.modules:
            return self._module_name(model.modules[module], name, depth + 1)
        head = dotted.split(".")[0]
        if any(m == head or m.startswith(head + ".") for m in model.modules):
            return [UNKNOWN]
        return [Origin("ext", name=dotted)]

    def bound_values(self, facts: ModuleFacts, func: FunctionFacts | None,
                     chain: list[str]) -> list[tuple[ModuleFacts, FunctionFacts | None, ArgValue]]:
        """One step back: the values written to a name (`self.x = ...`, a local, a module
        variable), in literal form with the context they were written in."""
        model = self.model
        if func is not None and chain[0] == "self" and len(chain) == 2 and func.class_name:
            out = []
            for cls_fq in model.mro(f"{facts.module}.{func.class_name}"):
                for _, method_facts, method in model.self_attr_writers(cls_fq).get(chain[1], ()):
                    out.append((method_facts, method, method.self_attrs[chain[1]]))
            return out
        if len(chain) == 1 and func is not None and chain[0] in func.local_types:
            return [(facts, func, func.local_types[chain[0]])]
        if len(chain) == 1 and chain[0] in facts.assigns:
            return [(facts, None, facts.assigns[chain[0]].value)]
        return []

    # ----- parameters ------------------------------------------------------------------------
    def param_origins(self, facts: ModuleFacts, func: FunctionFacts, name: str, depth: int) -> list[Origin]:
        """Arguments passed for parameter `name` by the function's project callers."""
        fq = f"{facts.module}.{func.qualname}"
        callers = self.model.callers.get(fq, [])[:_MAX_CALLERS]
        out: list[Origin] = []
        for edge in callers:
            value, found = argument_for(edge.site, func, name, edge.target.kind == "class")
            if not found:
                continue
            caller_facts, caller_func = self.model.functions[edge.caller]
            out.extend(self.origins(caller_facts, caller_func, value, depth + 1))
        return out or [Origin("param", facts, func, name=name)]


def argument_for(site: CallSite, callee: FunctionFacts, name: str, constructor: bool) -> tuple[ArgValue, bool]:
    """The argument `site` passes for parameter `name` of `callee` (literal form), and
    whether one is passed at all. Methods and constructors skip `self`."""
    if name in site.kwargs:
        return site.kwargs[name], True
    params = [p for p in callee.params if p.kind in ("posonly", "pos")]
    if params and params[0].name in ("self", "cls") and (callee.class_name or constructor):
        params = params[1:]
    for index, param in enumerate(params):
        if param.name == name:
            if index < len(site.args) and not site.star_args:
                return site.args[index], True
            return None, False
    return None, False


def first(origins: Iterable[Origin], kind: str) -> Origin | None:
    for origin in origins:
        if origin.kind == kind:
            return origin
    return None

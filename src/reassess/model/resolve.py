"""Resolving call sites to what they call, from bindings and the types facts can prove.

A value's type is one of: ("module", name), ("class", fq), ("instance", fq),
("ext", dotted) for an external module/symbol, ("ext_instance", dotted) for an
instance of an external class, or None when not known. Unknown stays unknown:
the resolver never guesses by method name alone.
"""
from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..facts.types import ArgValue, CallSite, FunctionFacts, ModuleFacts
from ..knowledge.factories import FACTORY_RETURNS

if TYPE_CHECKING:
    from .project import ProjectModel

Type = tuple[str, str] | None
BUILTINS = frozenset(dir(builtins))
_DEPENDS = ("Depends", "fastapi.Depends", "Security")
_MAX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class Target:
    """What a call site calls: kind is "function", "class", "external", "builtin" or "unresolved"."""

    kind: str
    name: str

    @property
    def is_project(self) -> bool:
        return self.kind in ("function", "class")


UNRESOLVED = Target("unresolved", "")


class Resolver:
    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self._attr_cache: dict[tuple[str, str], Type] = {}

    # ----- names --------------------------------------------------------------------------
    def type_of_dotted(self, dotted: str, depth: int = 0) -> Type:
        """Type of a fully qualified dotted name (project symbol, module or external)."""
        model = self.model
        if not dotted:
            return None
        if dotted in model.modules:
            return ("module", dotted)
        if dotted in model.classes:
            return ("class", dotted)
        if dotted in model.functions:
            return ("function", dotted)
        module, _, name = dotted.rpartition(".")
        if module in model.modules:
            facts = model.modules[module]
            binding = model.bindings[module].get(name)
            if binding is None:
                return None
            if binding.kind == "variable" and depth < _MAX_DEPTH:
                return self.type_of_value(facts, None, facts.assigns[name].value, depth + 1,
                                          annotation=facts.assigns[name].annotation)
            if binding.kind == "import" and binding.target != dotted and depth < _MAX_DEPTH:
                return self.type_of_dotted(binding.target, depth + 1)
            return None
        # a dotted name through a project module we do not have: an external name
        if dotted.split(".")[0] not in model.top_packages:
            return ("ext", dotted)
        return None

    def type_of_name(self, facts: ModuleFacts, func: FunctionFacts | None, name: str, depth: int = 0) -> Type:
        if func is not None:
            if name in ("self", "cls") and func.class_name:
                kind = "class" if name == "cls" else "instance"
                return (kind, f"{facts.module}.{func.class_name}")
            if name in func.local_types and depth < _MAX_DEPTH:
                found = self.type_of_value(facts, func, func.local_types[name], depth + 1)
                if found is not None:
                    return found
            for param in func.params:
                if param.name == name:
                    return self._param_type(facts, param.annotation, param.default_call, param.default_args, depth)
        binding = self.model.bindings.get(facts.module, {}).get(name)
        if binding is not None:
            return self.type_of_dotted(binding.target, depth + 1)
        if name in BUILTINS:
            return ("ext", f"builtins.{name}")
        return None

    def _param_type(self, facts: ModuleFacts, annotation: str, default_call: str, default_args: tuple,
                    depth: int) -> Type:
        if annotation.startswith("Annotated["):
            annotation = annotation[len("Annotated["):].split(",")[0].strip()
        if annotation:
            found = self.instance_of_annotation(facts, annotation, depth)
            if found is not None:
                return found
        if default_call in _DEPENDS and default_args and isinstance(default_args[0], dict):
            provider = self.type_of_value(facts, None, default_args[0], depth + 1)
            if provider and provider[0] == "function":
                return self.return_type(provider[1], depth + 1)
        return None

    def instance_of_annotation(self, facts: ModuleFacts, annotation: str, depth: int = 0) -> Type:
        text = annotation.strip().strip("'\"")
        for wrapper in ("Optional[", "Annotated["):
            if text.startswith(wrapper):
                text = text[len(wrapper):].split(",")[0].rstrip("]")
        text = text.split("|")[0].strip().split("[", 1)[0]  # `asyncio.Queue[int]` -> asyncio.Queue
        if not text or not all(part.isidentifier() for part in text.split(".")):
            return None
        head, *rest = text.split(".")
        base = self.type_of_name(facts, None, head, depth + 1)
        for part in rest:
            base = self.attribute_type(base, part, depth + 1)
        if base and base[0] == "class":
            return ("instance", base[1])
        if base and base[0] == "ext":
            return ("ext_instance", base[1])
        return None

    def return_type(self, function_fq: str, depth: int) -> Type:
        facts, func = self.model.functions[function_fq]
        if func.returns:
            found = self.instance_of_annotation(facts, func.returns, depth + 1)
            if found is not None:
                return found
        if depth < _MAX_DEPTH:
            for value in func.returns_values:
                found = self.type_of_value(facts, func, value, depth + 1)
                if found is not None:
                    return found
        return None

    def type_of_value(self, facts: ModuleFacts, func: FunctionFacts | None, value: ArgValue, depth: int,
                      annotation: str = "") -> Type:
        if annotation:
            found = self.instance_of_annotation(facts, annotation, depth)
            if found is not None:
                return found
        if not isinstance(value, dict) or depth > _MAX_DEPTH:
            return None
        if "ann" in value:
            return self.instance_of_annotation(facts, value["ann"], depth)
        if "or" in value:  # `x or Default()`: known only when every typed alternative agrees
            found_types = {self.type_of_value(facts, func, item, depth + 1) for item in value["or"]} - {None}
            return found_types.pop() if len(found_types) == 1 else None
        if "ref" in value:
            return self.type_of_chain(facts, func, tuple(value["ref"].split(".")), depth + 1)
        if "call" in value and value["call"]:
            callee = self.type_of_chain(facts, func, tuple(value["call"].split(".")), depth + 1)
            return self.call_result(callee, depth + 1)
        return None

    def call_result(self, callee: Type, depth: int) -> Type:
        if callee is None:
            return None
        kind, name = callee
        if kind == "class":
            return ("instance", name)
        if kind == "function":
            return self.return_type(name, depth)
        if kind in ("ext", "ext_instance", "ext_result"):
            known = FACTORY_RETURNS.get(name)
            if known:
                return ("ext_instance", known)
            tail = name.rsplit(".", 1)[-1]
            if kind == "ext" and tail[:1].isupper():
                return ("ext_instance", name)
            if kind == "ext_instance" and f"{name}.__call__" in FACTORY_RETURNS:
                return ("ext_instance", FACTORY_RETURNS[f"{name}.__call__"])
            return ("ext_result", name)
        return None

    def type_of_chain(self, facts: ModuleFacts, func: FunctionFacts | None, chain: tuple[str, ...],
                      depth: int = 0) -> Type:
        current = self.type_of_name(facts, func, chain[0], depth)
        for part in chain[1:]:
            current = self.attribute_type(current, part, depth + 1)
            if current is None:
                return None
        return current

    # ----- attributes ----------------------------------------------------------------------
    def attribute_type(self, base: Type, attr: str, depth: int = 0) -> Type:
        if base is None or attr == "[]":
            return None
        kind, name = base
        if kind == "module":
            return self.type_of_dotted(f"{name}.{attr}", depth + 1)
        if kind in ("ext", "ext_instance", "ext_result"):
            if attr == "state":
                return ("state", "")
            return (kind if kind != "ext_result" else "ext_result", f"{name}.{attr}")
        if kind == "state":
            return self._state_attr(attr, depth)
        if kind in ("class", "instance"):
            key = (name, attr)
            if key not in self._attr_cache:
                self._attr_cache[key] = None  # guards recursion
                self._attr_cache[key] = self._member_type(name, attr, instance=(kind == "instance"), depth=depth)
            return self._attr_cache[key]
        return None

    def _member_type(self, class_fq: str, attr: str, instance: bool, depth: int) -> Type:
        for cls_fq in self.model.mro(class_fq):
            module, cls = self.model.classes[cls_fq]
            method_fq = f"{cls_fq}.{attr}"
            if method_fq in self.model.functions:
                return ("function", method_fq)
            if attr in cls.annotations:
                found = self.instance_of_annotation(module, cls.annotations[attr], depth + 1)
                if found is not None:
                    return found
            for method_name in cls.methods:
                facts = self.model.functions.get(f"{cls_fq}.{method_name}")
                if facts and attr in facts[1].self_attrs:
                    found = self.type_of_value(module, facts[1], facts[1].self_attrs[attr], depth + 1)
                    if found is not None:
                        return found
            if attr in cls.class_attrs:
                found = self.type_of_value(module, None, cls.class_attrs[attr], depth + 1)
                if found is not None:
                    return found
        return None

    def _state_attr(self, attr: str, depth: int) -> Type:
        for facts, func, value in self.model.state_assigns.get(attr, []):
            found = self.type_of_value(facts, func, value, depth + 1)
            if found is not None:
                return found
        return None

    # ----- calls ---------------------------------------------------------------------------
    def resolve_call(self, facts: ModuleFacts, func: FunctionFacts | None, site: CallSite) -> Target:
        chain = site.func
        if not chain or chain[0] == "()":
            return UNRESOLVED
        if len(chain) == 1 and func is None and chain[0] in BUILTINS and chain[0] not in self.model.bindings.get(
                facts.module, {}):
            return Target("builtin", chain[0])
        found = self.type_of_chain(facts, func, chain)
        if found is None:
            if len(chain) == 1 and chain[0] in BUILTINS:
                return Target("builtin", chain[0])
            return Target("unresolved", ".".join(chain))
        kind, name = found
        if kind == "function":
            return Target("function", name)
        if kind == "class":
            return Target("class", name)
        if kind in ("ext", "ext_instance", "ext_result"):
            if name.startswith("builtins."):
                return Target("builtin", name[len("builtins."):])
            return Target("external", name)
        return Target("unresolved", ".".join(chain))

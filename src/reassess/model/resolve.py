"""Resolving call sites to what they call, from bindings and the types facts can prove.

A value's type is one of: ("module", name), ("class", fq), ("instance", fq),
("ext", dotted) for an external module/symbol, ("ext_instance", dotted) for an
instance of an external class, or None when not known. Unknown stays unknown:
the resolver never guesses by method name alone.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..facts.types import ArgValue, FunctionFacts, ModuleFacts
from ..knowledge.descriptors import is_property
from ..knowledge.repositories import QUERY_METHODS, repository_session
from ..knowledge.webframes import APP_STATE_TYPES
from .annotation_text import annotated_type, annotation_name, element_annotation
from .app_keys import keyed_local_type
from .call_targets import CallTargets
from .resolved_types import BUILTINS, MAX_DEPTH, Type
from .scope_names import enclosing_scope, nested_function, star_source
from .value_types import ValueTypes

# Moved out of this module; still imported from here elsewhere (a redundant alias marks a re-export).
from .annotation_text import subscript as subscript
from .annotation_text import top_level as top_level
from .resolved_types import Target as Target

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .project import ProjectModel

_DEPENDS = ("Depends", "fastapi.Depends", "Security")
_OPAQUE = {("ext_instance", "typing.Any"), ("ext_instance", "builtins.object"), ("ext_instance", "object")}
_STATE_DEPTH = 2  # where resolving an `app.state` value starts, however deep the chain that reads it


class Resolver(ValueTypes, CallTargets):
    """The types of names, chains and attributes in a scope; values and calls in the mixins."""

    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self._attr_cache: dict[tuple[str, str], Type] = {}
        self._attr_busy: set[tuple[str, str]] = set()
        self._state_busy: set[str] = set()
        self._results_busy: set[tuple[int, object]] = set()  # methods on call results being resolved
        # (function fq, parameter) -> type every caller passes, for unannotated parameters (refine.py)
        self.inferred: dict[tuple[str, str], Type] = {}

    # ----- names --------------------------------------------------------------------------
    def type_of_dotted(self, dotted: str, depth: int = 0) -> Type:
        """Type of a fully qualified dotted name (project symbol, module or external)."""
        model = self.model
        if not dotted:
            return None
        if dotted in model.modules:
            rebound = self._package_attribute(dotted)
            if rebound is not None and depth < MAX_DEPTH:
                return self.type_of_dotted(rebound, depth + 1)
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
                star = star_source(model, module, name) if depth < MAX_DEPTH else None
                return self.type_of_dotted(f"{star}.{name}", depth + 1) if star else None
            if binding.kind == "variable" and depth < MAX_DEPTH:
                return self.type_of_value(facts, None, facts.assigns[name].value, depth + 1,
                                          annotation=facts.assigns[name].annotation)
            if binding.kind == "import" and binding.target != dotted and depth < MAX_DEPTH:
                return self.type_of_dotted(binding.target, depth + 1)
            return None
        # a dotted name through a project module we do not have: an external name
        if dotted.split(".")[0] not in model.top_packages:
            return ("ext", dotted)
        return None

    def _package_attribute(self, dotted: str) -> str | None:
        """`pkg.db` where `pkg/__init__.py` rebinds `db` (`from .db import db`): Python finds the
        package's attribute, not the submodule, so `from pkg import db` gets the object."""
        package, _, name = dotted.rpartition(".")
        binding = self.model.bindings.get(package, {}).get(name) if package in self.model.modules else None
        if binding is None or binding.target == dotted or binding.kind != "import":
            return None
        return binding.target

    def type_of_name(self, facts: ModuleFacts, func: FunctionFacts | None, name: str, depth: int = 0) -> Type:
        if func is not None:
            if name in ("self", "cls") and func.class_name:
                kind = "class" if name == "cls" else "instance"
                return (kind, f"{facts.module}.{func.class_name}")
            if name in func.local_types:  # a local shadows module names, known type or not
                if depth >= MAX_DEPTH:
                    return None
                if name in func.extra.get("app_key_locals", ()):  # `hub = request.app[HUB]`
                    return keyed_local_type(self, facts, func, name, depth + 1)
                if func.local_types[name] is None:
                    return self._loop_item_type(facts, func, name, depth + 1)
                return self.type_of_value(facts, func, func.local_types[name], depth + 1)
            for param in func.params:
                if param.name == name:
                    found = self._param_type(facts, param.annotation, param.default_call, param.default_args, depth)
                    if found is None and self.inferred:
                        found = self.inferred.get((f"{facts.module}.{func.qualname}", name))
                    if found is None and not param.annotation and func.class_name and depth < MAX_DEPTH:
                        found = self._overridden_param_type(facts, func, name, depth + 1)
                    return found
            nested = nested_function(facts, func, name)
            if nested:  # `def send(...)` inside this function (or an enclosing one), then `send(p)`
                return ("function", f"{facts.module}.{nested}")
            outer = enclosing_scope(facts, func, name)
            if outer is not None:  # a closure reads the enclosing function's binding
                return self.type_of_name(facts, outer, name, depth + 1) if depth < MAX_DEPTH else None
        binding = self.model.bindings.get(facts.module, {}).get(name)
        if binding is not None:
            return self.type_of_dotted(binding.target, depth + 1)
        if name in BUILTINS:
            return ("ext", f"builtins.{name}")
        return None

    def _overridden_param_type(self, facts: ModuleFacts, func: FunctionFacts, name: str, depth: int) -> Type:
        """An unannotated parameter of an override takes the annotation the base method gives the same
        name (`def __init__(self, container)` over `def __init__(self, container: Container)`): the
        override is called where the base is, with the same arguments."""
        for base in self.model.mro(f"{facts.module}.{func.class_name}")[1:]:
            found = self.model.functions.get(f"{base}.{func.name}")
            param = next((p for p in found[1].params if p.name == name), None) if found else None
            if param is not None and param.annotation:
                return self._param_type(found[0], param.annotation, "", (), depth)
        return None

    def _param_type(self, facts: ModuleFacts, annotation: str, default_call: str, default_args: tuple,
                    depth: int) -> Type:
        annotation = annotated_type(annotation)
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
        named = annotation_name(annotation)
        if not named:
            return None
        head, *rest = named
        base = self.type_of_name(facts, None, head, depth + 1)
        for part in rest:
            base = self.attribute_type(base, part, depth + 1)
        if base and base[0] == "class":
            return ("instance", base[1])
        if base and base[0] == "ext":
            return ("ext_instance", base[1])
        if base and base[0] in ("instance", "ext_instance") and not rest:
            return base  # an alias of an annotation: `SessionDep = Annotated[Session, Depends(get_db)]`
        return None

    def return_type(self, function_fq: str, depth: int) -> Type:
        facts, func = self.model.functions[function_fq]
        if func.returns:
            found = self.instance_of_annotation(facts, func.returns, depth + 1)
            if found is not None and found not in _OPAQUE:  # `-> Any` says nothing: read the body
                return found
        if depth < MAX_DEPTH:
            for value in func.returns_values:
                found = self.type_of_value(facts, func, value, depth + 1)
                if found is not None:
                    return found
        return None


    def project_function(self, facts: ModuleFacts, func: FunctionFacts | None, chain: tuple[str, ...]) -> str:
        """The project function a dotted name denotes in a scope (`self._load`, `_lock_for`), "" when none."""
        found = self.type_of_chain(facts, func, chain)
        return found[1] if found is not None and found[0] == "function" and found[1] in self.model.functions else ""

    def type_of_chain(self, facts: ModuleFacts, func: FunctionFacts | None, chain: tuple[str, ...],
                      depth: int = 0) -> Type:
        if not chain:  # a bare name's owner (`Index("ix", source)` in a class body) is no chain
            return None
        current = self.type_of_name(facts, func, chain[0], depth)
        for index, part in enumerate(chain[1:], 1):
            if part == "[]":  # `self._printers[station]`: the element type its annotation declares
                current = self._element_type(facts, func, chain[:index], depth + 1)
            else:
                current = self.attribute_type(current, part, depth + 1)
            if current is None:
                return None
        return current

    def _loop_item_type(self, facts: ModuleFacts, func: FunctionFacts, name: str, depth: int) -> Type:
        """`for listener in self._listeners:` with `self._listeners: list[PresenceListener]`: the
        element type the container declares, when every `for` statement binding `name` iterates that
        container (a comprehension's variable is its own scope's, not the function's)."""
        loops = [loop for loop in func.extra.get("loops", {}).values() if loop.get("target") == name]
        if any(loop.get("kind") != "for" for loop in loops):
            return None
        iterated = {str(loop.get("iter", {}).get("ref", "")) if isinstance(loop.get("iter"), dict) else ""
                    for loop in loops}
        if len(iterated) != 1 or not (container := iterated.pop()) or "[]" in container:
            return None
        return self._element_type(facts, func, tuple(container.split(".")), depth)

    def _element_type(self, facts: ModuleFacts, func: FunctionFacts | None, prefix: tuple[str, ...],
                      depth: int) -> Type:
        """The type of an item of the container `prefix` names (a parameter, a module variable or
        `self.<attr>`), read from its declared annotation (`dict[str, LabelPrinter]`)."""
        where, annotation = self._declared(facts, func, prefix)
        element = element_annotation(annotation) if annotation else ""
        return self.instance_of_annotation(where, element, depth) if element else None

    def _declared(self, facts: ModuleFacts, func: FunctionFacts | None, prefix: tuple[str, ...]
                  ) -> tuple[ModuleFacts, str]:
        """(module whose names the annotation uses, the annotation text) of a name or `self.<attr>`."""
        if len(prefix) == 1:
            name = prefix[0]
            param = next((p for p in func.params if p.name == name), None) if func is not None else None
            if param is not None:
                return facts, param.annotation
            assign = facts.assigns.get(name)
            return facts, assign.annotation if assign is not None else ""
        if len(prefix) == 2 and prefix[0] == "self" and func is not None and func.class_name:
            for cls_fq in self.model.mro(f"{facts.module}.{func.class_name}"):
                module, cls = self.model.classes[cls_fq]
                if prefix[1] in cls.annotations:
                    return module, cls.annotations[prefix[1]]
                for _, module, method in self.model.self_attr_writers(cls_fq).get(prefix[1], ()):
                    value = method.self_attrs[prefix[1]]
                    if isinstance(value, dict) and value.get("ann"):
                        return module, str(value["ann"])
                    param = next((p for p in method.params if isinstance(value, dict) and p.name == value.get("ref")),
                                 None)  # `self._printers = printers`: the parameter's annotation
                    if param is not None and param.annotation:
                        return module, param.annotation
        return facts, ""

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
            if kind == "ext_instance" and name in APP_STATE_TYPES:  # a handler's `state: State`
                return self._state_attr(attr, depth)
            return (kind if kind != "ext_result" else "ext_result", f"{name}.{attr}")
        if kind == "state":
            return self._state_attr(attr, depth)
        if kind in ("class", "instance"):
            key = (name, attr)
            if key in self._attr_cache:
                return self._attr_cache[key]
            if key in self._attr_busy:
                return None  # guards recursion
            self._attr_busy.add(key)
            found = self._member_type(name, attr, instance=(kind == "instance"), depth=depth)
            if kind == "instance" and found is not None and found[0] == "function" and self._is_property(found[1]):
                # `self.session.get()`: the property's value, read with a budget of its own (the getter
                # is a hop in a longer chain, `s3 = self._state.store.raw`, as an `app.state` value is)
                found = self.return_type(found[1], min(depth + 1, _STATE_DEPTH)) or found
            self._attr_busy.discard(key)
            if found is not None or depth <= 1:  # a miss deep in a chain may be the depth limit's
                self._attr_cache[key] = found
            return found
        return None

    def _is_property(self, function_fq: str) -> bool:
        _, func = self.model.functions[function_fq]
        return is_property(func)

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
            for _, _, method in self.model.self_attr_writers(cls_fq).get(attr, ()):
                found = self.type_of_value(module, method, method.self_attrs[attr], depth + 1)
                if found is not None:
                    return found
            if attr in cls.class_attrs:
                found = self.type_of_value(module, None, cls.class_attrs[attr], depth + 1)
                if found is not None:
                    return found
        return self._inherited_query(class_fq, attr)

    def _inherited_query(self, class_fq: str, attr: str) -> Type:
        """A query method a project class inherits from a data-access base (knowledge/repositories.py):
        `users_service.list_and_count()` runs on the session the base holds."""
        if attr not in QUERY_METHODS:
            return None
        for base in self.model.inherited_library_bases(class_fq):
            session = repository_session(base)
            if session:
                return ("ext_instance", f"{session}.{attr}")
        return None

    def _state_attr(self, attr: str, depth: int) -> Type:
        """The value stored on `app.state.attr`. It is read through long chains
        (`sessions = websocket.app.state.sessions`), so its value gets a depth budget of its own."""
        return self.kept_type(attr, self.model.state_assigns.get(attr, ()), min(depth + 1, _STATE_DEPTH))

    def kept_type(self, name: str, values: Iterable[tuple[ModuleFacts, FunctionFacts | None, ArgValue]],
                  depth: int) -> Type:
        """The type of the first of `values` (module, function, value) with a known one: what a web
        app keeps under `name`, on `app.state.<name>` or under an aiohttp app key (model/app_keys.py).
        The busy set stops kept values that refer to each other (attribute names and key names,
        which are dotted or `str:`, never collide)."""
        if name in self._state_busy:
            return None
        self._state_busy.add(name)
        try:
            for facts, func, value in values:
                found = self.type_of_value(facts, func, value, depth)
                if found is not None:
                    return found
            return None
        finally:
            self._state_busy.discard(name)

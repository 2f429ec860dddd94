"""Resolving a call site to the `Target` it calls, including methods called on what another call
returns (`Cleanup(pool).run()`, `services(request).billing.charge()`): the `Resolver`'s last step."""
from __future__ import annotations

from ..facts.types import CallSite, FunctionFacts, ModuleFacts
from .annotation_text import CALLABLES, subscript
from .app_keys import keyed_chain_type
from .resolved_types import BUILTINS, UNRESOLVED, Target


class CallTargets:
    """Mixed into `Resolver`, whose chain, attribute and value types these methods build on."""

    # ----- calls ---------------------------------------------------------------------------
    def type_of_result(self, facts: ModuleFacts, func: FunctionFacts | None, inner: str) -> tuple[str, str] | None:
        """The type of what the call `inner` (a dotted callee, as `callee_is_call` keeps it) returns
        when it builds a project class in place: `DriverRepo(session)` -> ("instance", "...DriverRepo");
        None for any other callee (what a function returns is not answered here)."""
        callee = self.type_of_chain(facts, func, tuple(inner.split(".")))
        return ("instance", callee[1]) if callee is not None and callee[0] == "class" else None

    def _resolve_on_result(self, facts: ModuleFacts, func: FunctionFacts | None, inner: str, attr: str) -> Target:
        """`Cleanup(pool).run()`: a method of a project class instantiated in place, and
        `self._http().post()`: a method of the library object a project accessor returns, and
        `_service(request).post()`: a method of the project class a factory is annotated or seen
        to return (only then: results of other calls stay unresolved)."""
        callee = self.type_of_chain(facts, func, tuple(inner.split(".")))
        if callee is not None and callee[0] == "function":
            returned = self.return_type(callee[1], 1)
            if returned is not None and returned[0] in ("ext_instance", "ext_result") \
                    and not returned[1].startswith("builtins."):
                return Target("external", f"{returned[1]}.{attr}")  # a lazy getter's `boto3.client(...)` too
            if returned is not None and returned[0] == "instance":  # `_service(request).post()`
                found = self.attribute_type(returned, attr)
                return Target("function", found[1]) if found and found[0] == "function" else UNRESOLVED
            return UNRESOLVED
        if inner.startswith("self.") and inner.count(".") == 1 and (callee is None or callee[0] != "class"):
            factory = self._on_factory_result(facts, func, inner, attr)
            if factory is not UNRESOLVED:
                return factory
        if callee is not None and callee[0] == "ext":  # `Path(p).read_bytes()`: a library class built in place
            found = self.attribute_type(self.call_result(callee, 2), attr)
            return Target("external", found[1]) if found is not None and found[0] == "ext_instance" else UNRESOLVED
        if callee is None or callee[0] != "class":
            return UNRESOLVED
        found = self.attribute_type(("instance", callee[1]), attr)
        return Target("function", found[1]) if found and found[0] == "function" else UNRESOLVED

    def _resolve_through_result(self, facts: ModuleFacts, func: FunctionFacts | None, inner: str,
                                attrs: tuple[str, ...]) -> Target:
        """`services(request).billing.charge()`: a method of an attribute of the project object a
        project function returns (a container of services kept on `app.state`, its fields
        annotated), or of the library client kept there (`services(request).http.post()`)."""
        callee = self.type_of_chain(facts, func, tuple(inner.split(".")))
        found = self.return_type(callee[1], 1) if callee is not None and callee[0] == "function" else None
        for attr in attrs[:-1]:
            found = self.attribute_type(found, attr) if found is not None and found[0] == "instance" else None
        if found is None or found[0] not in ("instance", "ext_instance"):
            return UNRESOLVED
        found = self.attribute_type(found, attrs[-1])
        if found is not None and found[0] == "function":
            return Target("function", found[1])
        if found is not None and found[0] == "ext_instance" and not found[1].startswith("builtins."):
            return Target("external", found[1])
        return UNRESOLVED

    def _on_factory_result(self, facts: ModuleFacts, func: FunctionFacts | None, inner: str, attr: str) -> Target:
        """`self._billing_factory(db).finalize()`, the attribute declared (or set from a parameter
        annotated) `Callable[[AsyncSession], BillingService]`: a method of the class it returns."""
        where, annotation = self._declared(facts, func, tuple(inner.split(".")))
        head, args = subscript(annotation.strip().strip("'\"")) if annotation else ("", [])
        if head not in CALLABLES or len(args) != 2:
            return UNRESOLVED
        returned = self.instance_of_annotation(where, args[1].strip(), 1)
        found = self.attribute_type(returned, attr) if returned is not None and returned[0] == "instance" else None
        return Target("function", found[1]) if found and found[0] == "function" else UNRESOLVED

    def resolve_call(self, facts: ModuleFacts, func: FunctionFacts | None, site: CallSite) -> Target:
        chain = site.func
        if chain and chain[0] == "()" and len(chain) == 2 and site.callee_is_call:
            return self._resolve_on_result(facts, func, site.callee_is_call, chain[1])
        if chain and chain[0] == "()" and len(chain) > 2 and site.callee_is_call:
            return self._resolve_through_result(facts, func, site.callee_is_call, chain[1:])
        if chain and chain[0] == "()" and len(chain) == 2 and site.receiver is not None:
            found = self.attribute_type(self.type_of_value(facts, func, site.receiver, 1), chain[1])
            return Target("external", found[1]) if found is not None and found[0] == "ext_instance" else UNRESOLVED
        if not chain or chain[0] == "()":
            return UNRESOLVED
        if len(chain) == 1 and func is None and chain[0] in BUILTINS and chain[0] not in self.model.bindings.get(
                facts.module, {}):
            return Target("builtin", chain[0])
        found = self.type_of_chain(facts, func, chain)
        if found is None and "[]" in chain:  # `app[HUB].relay_forever()`: what the app keeps under HUB
            found = keyed_chain_type(self, facts, func, chain, site.line, site.col)
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

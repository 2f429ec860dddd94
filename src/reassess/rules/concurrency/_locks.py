"""Lock resolution, shared by the deadlock rules: which lock a `with` expression names.

`self._lock` in a method of `RiskEngine` and `self._lock` in another method of the same
class are one lock per instance: its id is "module.Class._lock" (the class in the MRO that
assigns it). A module-level `LOCK` is "module.LOCK", followed through imports. Anything
else (a subscripted per-key lock, a local, a parameter) has no stable identity and is
left out of cross-function reasoning, except a lock attribute of a project object a local or a
typed parameter holds (`site.sessions_lock` with `site: SiteState`), and a lock made in a local
and handed to the constructors of several objects (`lock = asyncio.Lock()`, `A(lock)`, `B(lock)`).
The lock itself is described in `_lockid`, where locks are taken in `_lock_sites`.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...facts.types import FunctionFacts, ModuleFacts
from ...knowledge.descriptors import is_property
from ...knowledge.locks import is_lock_name
from ._calls import argument, bound_site
from ._lock_sites import (acquisitions, built_at, context_manager, fetched_from, handed_out, held_by_try_lock,  # noqa: F401
                          keyed_uses, made_in_store, own_key, registry_of, released_at, typed_locks)
from ._lockid import (ASYNC_KINDS, REENTRANT, THREAD_KINDS, Lock,  # noqa: F401 - re-exported
                      family_of, namespaced)

if TYPE_CHECKING:
    from ...model.project import ProjectModel


class LockIndex:
    """Resolves lock expressions once per (function, expression)."""

    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self._cache: dict[tuple[str, str], Lock | None] = {}
        self._following: set[tuple[str, str]] = set()

    def lock(self, fq: str, expr: str) -> Lock | None:
        key = (fq, expr)
        if key not in self._cache:
            self._cache[key] = None  # a helper handing out its own result resolves to nothing
            self._cache[key] = self._resolve(fq, expr)
        return self._cache[key]

    def _resolve(self, fq: str, expr: str) -> Lock | None:
        facts, func = self.model.functions[fq]
        if expr.endswith("()"):
            return self._handed_out(fq, expr[:-2])
        parts = expr.split(".")
        if parts[-1] == "[]" and "[]" not in parts[:-1] and len(parts) > 1 and (
                is_lock_name(parts[-2]) or self._factory_kind(fq, parts[:-1])):  # `defaultdict(Lock)`, any name
            return self._keyed(fq, parts)
        if "[]" in parts or "()" in parts:
            return None
        if len(parts) == 1:
            return self._name(fq, facts, func, expr)
        return self._attribute(facts, func, parts)

    def _keyed(self, fq: str, parts: list[str]) -> Lock | None:
        """`self._station_locks[station]`: one family of per-key locks, named after its container,
        of the lock class the container makes for a new key (`defaultdict(asyncio.Lock)`)."""
        family = family_of(self.lock(fq, ".".join(parts[:-1])))
        facts, func = self.model.functions[fq]
        kind = (self._factory_kind(fq, parts[:-1]) or self._kind(facts, func, parts)) if family is not None else ""
        kind = kind if kind in ASYNC_KINDS | THREAD_KINDS else ""
        return Lock(family.id, kind, family.scope) if kind else family

    def _factory_kind(self, fq: str, container: list[str]) -> str:
        """The library lock class `defaultdict(<class>)` builds for the container (`self.<attr>`
        assigned in a method of the class, or a module-level name), "" when it is not one."""
        facts, func = self.model.functions[fq]
        for module, scope, site in built_at(self.model, facts, func, container):
            factory = site.args[0] if site is not None and site.name.endswith("defaultdict") and site.args else None
            ref = factory.get("ref") if isinstance(factory, dict) else None
            made = self.model.resolver.type_of_chain(module, scope, tuple(ref.split("."))) \
                if isinstance(ref, str) else None
            if made is not None and made[1] in ASYNC_KINDS | THREAD_KINDS:
                return made[1]
        return ""

    def _name(self, fq: str, facts: ModuleFacts, func: FunctionFacts, name: str) -> Lock | None:
        """A bare name: a local alias of a lock (`layout_lock = self._layout_lock`, then `async with
        layout_lock:`), or a module-level lock defined here or imported; not a parameter."""
        alias = func.local_types.get(name)
        if isinstance(alias, dict) and set(alias) == {"ref"} and isinstance(alias["ref"], str) \
                and alias["ref"] != name and "." in alias["ref"]:
            return self.lock(fq, alias["ref"])
        if name in func.local_types:
            return self._fetched(fq, alias)
        if _is_param(func, name):
            return None
        binding = self.model.bindings.get(facts.module, {}).get(name)
        if binding is not None and binding.kind in ("variable", "import"):
            return Lock(binding.target, self._kind(facts, func, [name]), "module")
        return None

    def _fetched(self, fq: str, bound: object) -> Lock | None:
        """A local holding a lock fetched from a registry: `lock = self._locks.get(key)` or
        `.setdefault(key, asyncio.Lock())` (a family of per-key locks named after the container), or
        `lock = self._lock_for(key)` (what that helper hands out). Only asked for names used as locks."""
        call = bound.get("call") if isinstance(bound, dict) and not bound.get("entered") else None
        if not isinstance(call, str) or not call:
            return None
        container = registry_of(call)
        handed = self.lock(fq, f"{call}()") if self._helper(fq, call) else None  # a project registry's own `get`
        if container and handed is None:
            return self._family_in(fq, container)
        return handed or self._from_passed_registry(fq, bound) or self.lock(fq, f"{call}()")

    def _family_in(self, fq: str, container: str) -> Lock | None:
        """The family of per-key locks kept in `container`, of the kind `fq` fills it with
        (`table.setdefault(key, asyncio.Lock())`): an unknown kind hides what holding one costs."""
        family = family_of(self.lock(fq, container))
        kind = self._entry_kind(fq, tuple(container.split("."))) if family is not None else ""
        return Lock(family.id, kind, family.scope) if kind else family

    def _entry_kind(self, fq: str, chain: tuple[str, ...]) -> str:
        """The library lock class `fq` stores in the container `chain` with `setdefault(key, Lock())`."""
        edges = self.model.edges.get(fq, ())
        for site in self.model.functions[fq][1].calls:
            made = site.args[1] if site.func == (*chain, "setdefault") and len(site.args) > 1 else None
            name = made.get("call") if isinstance(made, dict) else None
            kind = next((e.target.name for e in edges if e.site.line == site.line and e.site.name == name
                         and e.target.kind == "external"), "") if name else ""
            if kind in ASYNC_KINDS | THREAD_KINDS:
                return kind
        return self._stored_kind(fq, ".".join(chain))

    def _stored_kind(self, fq: str, container: str) -> str:
        """The library lock class of a local stored into the container (`lock = asyncio.Lock()`,
        then `self._locks[key] = lock`), or of one made in the store itself (`lock =
        self._locks[key] = asyncio.Lock()`): the get-or-create written out."""
        facts, func = self.model.functions[fq]
        for store in func.extra.get("stores", ()):
            value = store.get("value")
            if store["target"] != container or not store.get("item") or not isinstance(value, dict):
                continue
            made = made_in_store(self.model.edges.get(fq, ()), store["line"], value)
            if made:
                return made
            if "ref" not in value:
                continue
            for edge in self.model.edges.get(fq, ()):
                if edge.target.kind == "external" and edge.target.name in ASYNC_KINDS | THREAD_KINDS \
                        and edge.site.line <= store["line"] and re.match(
                            rf"\s*{re.escape(value['ref'])}\s*(?::[^=]+)?=(?!=)", self.model.line_text(facts.path,
                                                                                           edge.site.line)):
                    return edge.target.name
        return ""

    def _from_passed_registry(self, fq: str, bound: dict) -> Lock | None:
        """`lock = _lock_for(_order_locks, order_id)` where the helper fetches (or creates) the lock
        in the registry it is given (`table.get(key)`, `table.setdefault(key, Lock())`): the family is
        the registry the caller passes, so one helper serving two registries hands out two families."""
        site = bound_site(self.model.functions[fq][1], bound)
        helper = self._helper(fq, bound["call"]) if site is not None else ""
        container = fetched_from(self.model.functions[helper][1]) if helper else ""
        if not container:
            return None
        passed = argument(site, self.model.functions[helper][1], container)
        ref = passed.get("ref") if isinstance(passed, dict) else None
        return family_of(self.lock(fq, ref)) if isinstance(ref, str) and ref != container else None

    def _helper(self, fq: str, getter: str) -> str:
        """The project function `fq` calls as `getter` (`self._lock_for`, `_lock_for`), or the
        `__call__` of the project object it names (`zone_locks(zone_id)`), "" when none."""
        facts, func = self.model.functions[fq]
        chain = tuple(getter.split("."))
        found = self.model.resolver.project_function(facts, func, chain)
        if found:
            return found
        held = self.model.resolver.type_of_chain(facts, func, chain)
        called = held is not None and held[0] == "instance" and held[1] in self.model.classes
        return self.model.method_of(held[1], "__call__") if called else ""

    def _attribute(self, facts: ModuleFacts, func: FunctionFacts, parts: list[str]) -> Lock | None:
        """`self._lock` (one per instance), `locks.ledger_lock` (an imported module's), `guard.topic`
        and `self._locks.close` (an attribute of a project object a local or `self` holds)."""
        own = parts[0] in ("self", "cls") and bool(func.class_name)
        if len(parts) == 2 and own:
            return self._instance_attribute(facts, func, parts)
        if len(parts) == 2:
            if parts[0] in func.local_types:
                return self._holder_attribute(facts, func, parts)
            if _is_param(func, parts[0]):
                return self._parameter_attribute(facts, func, parts)
            return self._module_attribute(facts, func, parts) or self._holder_attribute(facts, func, parts)
        return self._holder_attribute(facts, func, parts) if len(parts) == 3 and own else None

    def _instance_attribute(self, facts: ModuleFacts, func: FunctionFacts, parts: list[str]) -> Lock:
        """`self._lock`, under the class in the MRO that assigns it (through properties and aliases)."""
        class_fq = f"{facts.module}.{func.class_name}"
        attr = self._property_target(class_fq, parts[1]) or self._alias_target(class_fq, parts[1]) or parts[1]
        return self._injected(class_fq, attr) or \
            Lock(f"{self._owner(class_fq, attr)}.{attr}", self._kind(facts, func, parts), "instance")

    def _injected(self, class_fq: str, attr: str) -> Lock | None:
        """`self._plan_lock = plan_lock` (a constructor parameter every construction fills with the
        same known lock) or `self._plan_lock = deps.plan_lock` (a lock of the holder the constructor
        receives): the object holds the lock handed in, shared with every other holder of it."""
        init_fq = self.model.method_of(class_fq, "__init__")
        if init_fq not in self.model.functions or (class_fq, attr) in self._following:
            return None
        self._following.add((class_fq, attr))  # `self.a = b.x` in A and `self.x = a.a` in B: no endless chase
        try:
            return self._injected_in(class_fq, attr, init_fq)
        finally:
            self._following.discard((class_fq, attr))

    def _injected_in(self, class_fq: str, attr: str, init_fq: str) -> Lock | None:
        init_facts, init = self.model.functions[init_fq]
        value = init.self_attrs.get(attr)
        ref = value.get("ref") if isinstance(value, dict) and set(value) == {"ref"} else None
        parts = ref.split(".") if isinstance(ref, str) else []
        if not parts or len(parts) > 2 or not _is_param(init, parts[0]) or self._assigned_elsewhere(class_fq, attr):
            return None
        if len(parts) == 2:
            return self._holder_attribute(init_facts, init, parts)
        found = {self._passed(edge, init, ref) for edge in self.model.callers.get(init_fq, ())}
        lock = next(iter(found)) if len(found) == 1 else None
        return lock if lock is not None and lock.kind in ASYNC_KINDS | THREAD_KINDS else None

    def _passed(self, edge, init: FunctionFacts, param: str) -> Lock | None:
        """The lock a construction passes for `param`: a lock the caller can name (`deps.plan_lock`
        read off a holder parameter is that holder's lock, as when stored on `self`)."""
        value = argument(edge.site, init, param)
        ref = value.get("ref") if isinstance(value, dict) and set(value) == {"ref"} else None
        if not isinstance(ref, str) or edge.caller not in self.model.functions:
            return None
        facts, func = self.model.functions[edge.caller]
        parts = ref.split(".")
        if len(parts) == 2 and _is_param(func, parts[0]):
            return self._holder_attribute(facts, func, parts)
        return self.lock(edge.caller, ref) or self._local_lock(edge.caller, facts, func, parts)

    def _local_lock(self, fq: str, facts: ModuleFacts, func: FunctionFacts, parts: list[str]) -> Lock | None:
        """`capacity_lock = asyncio.Lock()` in the function that builds the services and hands that
        one lock to several of them: the lock is named after the local it was made in."""
        bound = func.local_types.get(parts[0]) if len(parts) == 1 else None
        kind = self._kind(facts, func, parts) if isinstance(bound, dict) and bound.get("call") else ""
        return Lock(f"{fq}.{parts[0]}", kind, "instance") if kind in ASYNC_KINDS | THREAD_KINDS else None

    def _assigned_elsewhere(self, class_fq: str, attr: str) -> bool:
        """`self.attr` is also assigned outside `__init__` (swapped later: not the lock handed in)."""
        return any(not fq.endswith(".__init__") for cls_fq in self.model.mro(class_fq)
                   for fq, _facts, _func in self.model.self_attr_writers(cls_fq).get(attr, ()))

    def _holder_attribute(self, facts: ModuleFacts, func: FunctionFacts, parts: list[str]) -> Lock | None:
        """`guard.topic` where the local `guard` holds a project object (`guard = self._locks_for(key)`
        returning a `_ChannelLocks`), or `self._locks.close` where an injected holder object groups
        the locks several services share: one lock per holder instance, like `self._lock`."""
        holder = self.model.resolver.type_of_chain(facts, func, tuple(parts[:-1]))
        if holder is None or holder[0] != "instance" or holder[1] not in self.model.classes:
            return None
        attr = self._property_target(holder[1], parts[-1]) or parts[-1]
        return self._injected(holder[1], attr) or \
            Lock(f"{self._owner(holder[1], attr)}.{attr}", self._kind(facts, func, parts), "instance")

    def _parameter_attribute(self, facts: ModuleFacts, func: FunctionFacts, parts: list[str]) -> Lock | None:
        """`site.sessions_lock` where the parameter `site: SiteState` is a project object holding
        its own lock: one lock per object the caller passes, a family like per-key locks (taking
        two objects' locks is no re-entry), whose order against other locks still matters."""
        lock = self._holder_attribute(facts, func, parts)
        return Lock(lock.id, lock.kind, "keyed") if lock is not None else None

    def _handed_out(self, fq: str, getter: str) -> Lock | None:
        """The lock a project helper returns (`self._driver_lock(driver_id)` returning
        `self._driver_locks[driver_id % N]`, or `self._lock_for()` returning `self._lock`),
        resolved in the helper: a family of keyed locks ("keyed"), or one lock."""
        helper = self._helper(fq, getter)
        if not helper or helper == fq:
            return None
        helper_func = self.model.functions[helper][1]
        if context_manager(helper_func):
            lock = self._held_around_yield(helper, helper_func) or self._receiver_family(fq, getter, helper_func)
        else:
            lock = self._returned(helper, helper_func)
        return self._of_receiver(fq, getter, helper, lock)

    def _of_receiver(self, fq: str, getter: str, helper: str, lock: Lock | None) -> Lock | None:
        """A lock a registry method hands out from its object's own state (`self._locks[key]`) is
        that object's: `inventory_locks.get(key)` and `contract_locks.get(key)` (two instances of
        one `KeyedLocks` class) are two families, named after the object the caller names."""
        receiver = getter if helper.endswith(".__call__") else getter.rpartition(".")[0]
        owner = helper.rsplit(".", 1)[0]
        if lock is None or not receiver or receiver.split(".")[0] in ("self", "cls") \
                or owner not in self.model.classes:
            return lock
        base = next((c for c in self.model.mro(owner) if lock.id.startswith(c + ".")), "")
        held = self.lock(fq, receiver) if base else None
        return Lock(held.id + lock.id[len(base):], lock.kind, lock.scope) if held is not None else lock

    def _returned(self, helper: str, func: FunctionFacts) -> Lock | None:
        """The lock the helper returns (`return self._lock`), the one the call it returns hands
        out in turn (`return _order_locks.hold(order_id)`), or one it fetches from a registry."""
        values = [v for v in func.returns_values if isinstance(v, dict)]
        if len(values) == 1 and isinstance(values[0].get("call"), str):
            lock = self._fetched(helper, values[0])  # `return self._locks.setdefault(key, Lock())`
            return namespaced(helper, lock) if lock is not None and own_key(func, values[0]) else lock
        refs = {v.get("ref") for v in values}
        ref = next(iter(refs)) if len(refs) == 1 else None
        lock = self.lock(helper, ref) if isinstance(ref, str) and not ref.endswith("()") else None
        return namespaced(helper, lock) if lock is not None and self._own_item_key(func, ref) else lock

    @staticmethod
    def _own_item_key(func: FunctionFacts, ref: str) -> bool:
        """`return self._locks[f"product:{product_id}"]`: the one returned item's key starts with a
        literal prefix, so the helper hands out locks of its own namespace of the registry's keys."""
        lines = func.extra.get("return_lines", ())
        return ref.endswith(".[]") and len(lines) == 1 and lines[0] in func.extra.get("literal_key_returns", ())

    def _receiver_family(self, fq: str, getter: str, method: FunctionFacts) -> Lock | None:
        """`_order_locks.hold(order_id)` where `hold` is a context-manager method that awaits
        `lock.acquire()` on a lock of its own object before it yields: every object of that class
        (`_order_locks`, `_courier_locks`) is its own family of per-key locks, named after the
        object the caller holds, so two such objects taken in both orders are two families."""
        receiver = getter.rpartition(".")[0]
        if not method.class_name or not receiver or not method.has_yield or not any(
                c.awaited and c.func and c.func[-1] == "acquire" for c in method.calls):
            return None
        return family_of(self.lock(fq, receiver))

    def _held_around_yield(self, helper: str, func: FunctionFacts) -> Lock | None:
        """`@asynccontextmanager def zone_lock(zone): async with _zone_locks[zone]: yield`: the
        caller's `async with zone_lock(zone):` holds that lock. Only a helper taking exactly one
        lock (with `with`) counts: one taking several (sorted, all at once) is its own protocol."""
        uses = [e["expr"] for e in func.extra.get("withs", ()) if not e["expr"].endswith("()")]
        locks = {lock.id: lock for lock in (self.lock(helper, expr) for expr in uses) if lock is not None}
        return next(iter(locks.values())) if len(locks) == 1 and len(uses) == 1 else None

    def _property_target(self, class_fq: str, attr: str) -> str | None:
        """`hub.registry_lock` where `registry_lock` is a property returning `self._registry_lock`:
        the property hands out the instance's own lock, so both names are one lock."""
        for cls_fq in self.model.mro(class_fq):
            entry = self.model.functions.get(f"{cls_fq}.{attr}")
            if entry is None:
                continue
            func = entry[1]
            if not is_property(func):
                return None
            refs = {v.get("ref") for v in func.returns_values if isinstance(v, dict)}
            ref = next(iter(refs)) if len(refs) == 1 and len(func.returns_values) == 1 else None
            parts = ref.split(".") if isinstance(ref, str) else []
            return parts[1] if len(parts) == 2 and parts[0] == "self" else None
        return None

    def _alias_target(self, class_fq: str, attr: str) -> str | None:
        """`self._channels_guard = self._lock` in the class: a second name for the instance's own
        lock, so taking either takes the same lock (only when every assignment says so)."""
        refs = set()
        for cls_fq in self.model.mro(class_fq):
            _, cls = self.model.classes[cls_fq]
            for method in cls.methods:
                entry = self.model.functions.get(f"{cls_fq}.{method}")
                if entry is not None and attr in entry[1].self_attrs:
                    value = entry[1].self_attrs[attr]
                    refs.add(value.get("ref") if isinstance(value, dict) else None)
        ref = next(iter(refs)) if len(refs) == 1 else None
        parts = ref.split(".") if isinstance(ref, str) else []
        return parts[1] if len(parts) == 2 and parts[0] == "self" and parts[1] != attr else None

    def proven(self, fq: str, expr: str) -> Lock | None:
        """The lock `expr` names when its type shows it is one (for names without a lock word)."""
        lock = self.lock(fq, expr)
        return lock if lock is not None and lock.kind in ASYNC_KINDS | THREAD_KINDS else None

    def _module_attribute(self, facts: ModuleFacts, func: FunctionFacts, parts: list[str]) -> Lock | None:
        """`locks.ledger_lock` where `locks` is an imported project module assigning `ledger_lock`."""
        binding = self.model.bindings.get(facts.module, {}).get(parts[0])
        if binding is None or binding.kind != "import":
            return None
        module = self.model.modules.get(binding.target)
        if module is None or parts[1] not in module.assigns:
            return None
        return Lock(f"{binding.target}.{parts[1]}", self._kind(facts, func, parts), "module")

    def _owner(self, class_fq: str, attr: str) -> str:
        """The most basic class in the MRO that assigns `self.attr` (or declares it)."""
        owner = class_fq
        for cls_fq in self.model.mro(class_fq):
            _, cls = self.model.classes[cls_fq]
            if attr in cls.class_attrs or attr in cls.annotations or any(
                    attr in self.model.functions[f"{cls_fq}.{m}"][1].self_attrs
                    for m in cls.methods if f"{cls_fq}.{m}" in self.model.functions):
                owner = cls_fq
        return owner

    def _kind(self, facts: ModuleFacts, func: FunctionFacts, parts: list[str]) -> str:
        found = self.model.resolver.type_of_chain(facts, func, tuple(parts))
        if found and found[0] in ("ext_instance", "ext_result"):
            return found[1]
        return ""


def _is_param(func: FunctionFacts, name: str) -> bool:
    return any(p.name == name for p in func.params)



"""Where locks are taken and made, as the deadlock rules read them from the facts: each `with`
on a lock (named like one, typed as one, or handed out per key) with the locks held around it, the
lines a hand-written `acquire()` holds a lock over, and the call an object holding locks is made by."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterator

from ...facts.types import CallSite, FunctionFacts, ImportFact, LockUse, ModuleFacts
from ...knowledge.locks import is_lock_name
from ...model.symbols import resolve_relative
from ._calls import bound_site
from ._lockid import ASYNC_KINDS, CONTEXT_MANAGERS, THREAD_KINDS

if TYPE_CHECKING:
    from ...model.project import ProjectModel
    from ._lockid import Lock
    from ._locks import LockIndex


def built_at(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, container: list[str]
             ) -> list[tuple[ModuleFacts, FunctionFacts | None, CallSite | None]]:
    """(module, function or None at module level, call site) of each call the object `container`
    names is bound to: `self.<attr>` assigned in a method of the class, a local, or a module-level
    name (here or imported), [] when unknown."""
    if len(container) == 2 and container[0] == "self" and func.class_name:
        return _assigned_on_self(model, f"{facts.module}.{func.class_name}", container[1])
    local = func.local_types.get(container[0]) if len(container) == 1 else None
    if isinstance(local, dict) and local.get("call") and not local.get("entered"):
        return [(facts, func, bound_site(func, local))]  # `queue = asyncio.Queue()` in the function
    return _module_level_site(model, *_defined_in(model, facts, func, container))


def _module_level_site(model: "ProjectModel", module: str, name: str
                       ) -> list[tuple[ModuleFacts, FunctionFacts | None, CallSite | None]]:
    """The call the module-level variable is assigned from (`outbox = asyncio.Queue()`), if any."""
    defining = model.modules.get(module)
    assign = defining.assigns.get(name) if defining is not None else None
    value = assign.value if assign is not None else None
    if not isinstance(value, dict) or not value.get("call"):
        return []
    return [(defining, None, next((s for s in defining.module_calls if s.line == value.get("line")
                                   and s.name == value["call"]), None))]


def _assigned_on_self(model: "ProjectModel", class_fq: str, attr: str
                      ) -> list[tuple[ModuleFacts, FunctionFacts | None, CallSite | None]]:
    """Each call a method of the class (or a base) assigns `self.<attr>` from."""
    found = []
    for cls_fq in model.mro(class_fq):
        for _, module, method in model.self_attr_writers(cls_fq).get(attr, ()):
            value = method.self_attrs[attr]
            if isinstance(value, dict) and value.get("call"):
                found.append((module, method, bound_site(method, value)))
    return found


def _defined_in(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, container: list[str]
                ) -> tuple[str, str]:
    """(module, name) of the module-level variable a plain name refers to: imported in the
    function's body, imported at the top, or the module's own; ("", "") for a local or other."""
    if len(container) != 1:
        return "", ""
    local = func.local_types.get(container[0], False)
    if isinstance(local, dict) and local.get("import") and local.get("name"):  # imported in the body
        imp = ImportFact(module=local["import"], name=local["name"], alias="", line=0, level=local.get("level", 0))
        return resolve_relative(facts.module, facts.is_package, imp), local["name"]
    if local is not False:
        return "", ""
    binding = model.bindings.get(facts.module, {}).get(container[0])
    if container[0] not in facts.assigns and binding is not None and binding.kind == "import":
        module, _, name = binding.target.rpartition(".")  # `from .locks import _depot_locks`
        return module, name
    return facts.module, container[0]


def released_at(func: FunctionFacts, acquire: CallSite) -> int:
    """The line of the first `release()` on the receiver of a hand-written `acquire()` after it
    (`self._lock.acquire()` ... `finally: self._lock.release()`), else the function's last line:
    the lines the lock is held over."""
    receiver = acquire.func[:-1] if acquire.func else ()
    return min((s.line for s in func.calls if s.line > acquire.line and s.func and s.func[:-1] == receiver
                and s.func[-1] == "release"), default=func.end_line)


def held_by_try_lock(func: FunctionFacts, first: int, last: int) -> bool:
    """Lines `first`..`last` run under a try-lock taken before them and released after them:
    `if not await lock.acquire(): return` (the caller leaves when another task or replica holds
    it), then `lock.release()`: held between two calls, where `func.locks` (the `with` blocks) does not see it."""
    for block in func.extra.get("blocks", ()):
        if block.get("kind") != "if" or not block.get("exits") or block["end"] >= first:
            continue
        for chain in block.get("absent", ()):
            owner, _, method = chain.rpartition(".")
            if method == "acquire" and owner and any(
                    call.line > last and call.func == (*owner.split("."), "release") for call in func.calls):
                return True
    return False


def acquisitions(model: "ProjectModel", locks: LockIndex, fq: str) -> Iterator[tuple[LockUse, Lock, int]]:
    """Each lock a function takes with its identity and its position among the items of its
    `with` statement (`async with a, b:` takes a, then b)."""
    _, func = model.functions[fq]
    position: dict[int, int] = {}
    named = [_with_handed_out_outers(locks, fq, func, use) for use in func.locks]
    for use in sorted([*named, *typed_locks(locks, fq, func), *keyed_uses(locks, fq, func)],
                      key=lambda u: u.line):
        lock = locks.lock(fq, use.expr)
        order = position.get(use.line, 0)
        position[use.line] = order + 1
        if lock is not None:
            yield use, lock, order


def _with_handed_out_outers(locks: LockIndex, fq: str, func: FunctionFacts, use: LockUse) -> LockUse:
    """A lock-named use with the handed-out locks held around it added to those the facts record
    (`async with creator_lock(cid):` then `async with ledger_lock:` nests the module lock in the
    keyed one, which the facts do not see as a lock)."""
    entry = next((w for w in func.extra.get("withs", ()) if w["expr"] == use.expr and w["line"] == use.line), None)
    extra = () if entry is None else tuple(e for e in _with_use(locks, fq, entry).held_outer
                                           if handed_out(e) and e not in use.held_outer)
    return replace(use, held_outer=use.held_outer + extra) if extra else use


def typed_locks(locks: LockIndex, fq: str, func: FunctionFacts) -> list[LockUse]:
    """`async with guard.topic:` on a name without a lock word whose type is a lock, with the
    locks (named or typed) held around it."""
    named = {(use.expr, use.line) for use in func.locks}
    return [_with_use(locks, fq, entry) for entry in func.extra.get("withs", ())
            if (entry["expr"], entry["line"]) not in named and not handed_out(entry["expr"])  # `keyed_uses`
            and locks.proven(fq, entry["expr"]) is not None]


def handed_out(expr: str) -> bool:
    """A `with` expression that takes a lock handed out per key: a call (`locks.for_account(id)`,
    recorded `...()`) or a subscript of a lock table (`locks[k]`, recorded `....[]`)."""
    return expr.endswith(("()", ".[]"))


def keyed_uses(locks: LockIndex, fq: str, func: FunctionFacts) -> list[LockUse]:
    """`async with self._station_locks[station]:` and `async with self._driver_lock(driver_id):`:
    a lock from a keyed family (or handed out by a helper), with the locks held around it. Only the
    lock-order graph takes these: two families taken in both orders can deadlock whatever the keys."""
    return [_with_use(locks, fq, entry) for entry in func.extra.get("withs", ())
            if handed_out(entry["expr"]) and locks.lock(fq, entry["expr"]) is not None]


def _with_use(locks: LockIndex, fq: str, entry: dict) -> LockUse:
    """A recorded `with` item as a lock use, with the locks (named or typed) held around it."""
    local = locks.model.functions[fq][1].local_types
    outer = tuple(e for e in entry["outer"] if is_lock_name(e.rsplit(".", 1)[-1]) or locks.proven(fq, e)
                  or (handed_out(e) or e in local)  # handed out: `locks.for_account(id)`, `locks[k]`,
                  # `guard = locks.get(k)`
                  and locks.lock(fq, e) is not None)
    return LockUse(entry["expr"], entry["line"], entry["end"], entry["async"], held_outer=outer)


def made_in_store(edges, line: int, value: dict) -> str:
    """The library lock class a store's value constructs on its line (`... = asyncio.Lock()`), "" when none."""
    name = value.get("call")
    return next((e.target.name for e in edges if isinstance(name, str) and e.site.line == line
                 and e.site.name == name and e.target.kind == "external"
                 and e.target.name in ASYNC_KINDS | THREAD_KINDS), "")


def own_key(func: FunctionFacts, returned: dict) -> bool:
    """The returned call builds its key from a literal prefix (`return self.hold(f"seat:{no}")`):
    the helper hands out locks from its own namespace of the registry's keys."""
    site = bound_site(func, returned)
    key = site.args[0] if site is not None and site.args else None
    return isinstance(key, str) or isinstance(key, dict) and "fstring" in key


def fetched_from(helper: FunctionFacts) -> str:
    """The plain name of the registry the helper returns a lock from, directly or through a
    local (`return table.setdefault(key, Lock())`, `lock = table.get(key); return lock`), "" when none."""
    values = [v for v in helper.returns_values if isinstance(v, dict)]
    fetched = helper.local_types.get(values[0].get("ref", "")) if len(values) == 1 else None
    fetch = (fetched if isinstance(fetched, dict) else values[0] if values else {}).get("call")
    container = registry_of(fetch) if isinstance(fetch, str) else ""
    return container if "." not in container else ""


def registry_of(call: str) -> str:
    """The container a lock is fetched from (`self._locks` for `self._locks.setdefault`, `.get`), else ""."""
    container, _, method = call.rpartition(".")
    return container if method in ("get", "setdefault") else ""


def context_manager(func: FunctionFacts) -> bool:
    """The function is decorated `@contextmanager` / `@asynccontextmanager`: what it holds around its
    `yield` is held over its callers' `with` block."""
    return any(d.func.rsplit(".", 1)[-1] in CONTEXT_MANAGERS for d in func.decorators)

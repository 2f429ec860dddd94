"""Key namespaces of per-key lock registries.

`locks.hold(f"run:{run_id}")` and `locks.hold(f"pool:{pool_id}")` fetch locks from one registry,
but no key of the first shape is a key of the second: they are two parts of the family, and
their order against each other matters (run then pool in one place, pool then run in another is
a deadlock), while two keys of one shape (`f"pool:{a}"`, `f"pool:{b}"`) stay one part.

A family is split by namespace only when every acquisition of it in the project names one: a
key passed in whole (`hold(key)`) may be of any namespace, and splitting the family would lose
the orders that acquisition takes part in.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ._calls import bound_site
from ._lock_sites import acquisitions, context_manager
from ._lockid import Lock
from ._locks import LockIndex

if TYPE_CHECKING:
    from ...facts.types import CallSite, FunctionFacts, LockUse


class KeySpaces:
    """Refines the keyed locks a `LockIndex` resolves by the namespace of the key at each acquisition."""

    def __init__(self, index: LockIndex) -> None:
        self.index = index
        self._split: set[str] | None = None  # families every acquisition of which names a namespace
        self._taken: dict[str, list[tuple[LockUse, Lock, int, int]]] = {}

    def lock_at(self, fq: str, expr: str, line: int, nth: int = 0) -> Lock | None:
        """The lock `expr` takes at `line` (its `nth` acquisition written on that line)."""
        return self.refine(fq, expr, line, self.index.lock(fq, expr), nth)

    def refine(self, fq: str, expr: str, line: int, lock: Lock | None, nth: int = 0) -> Lock | None:
        """`lock` narrowed to the namespace of its key at `line`, when its family is split."""
        if lock is None or lock.scope != "keyed" or lock.namespace or not line:
            return lock
        namespace = namespace_at(self.index.model.functions[fq][1], expr, line, nth)
        return lock.within(namespace) if namespace and lock.id in self._families() else lock

    def delegated(self, fq: str, lock: Lock) -> bool:
        """`fq` is the registry's context manager taking `lock` for its caller's key: with the family
        split, the caller's own `with` (of its namespace) is the acquisition, and this one is left out."""
        return lock.scope == "keyed" and not lock.namespace and lock.id in self._families() \
            and _hands_out(self.index.model.functions[fq][1])

    def taken(self, fq: str) -> list[tuple["LockUse", Lock, int, int]]:
        """`acquisitions` of `fq`, each with its rank among the acquisitions of its expression on its
        line (`nth`, which names its key's call): read once, by the namespace scan and the lock graph."""
        if fq not in self._taken:
            seen: dict[tuple[str, int], int] = {}
            found = []
            for use, lock, order in acquisitions(self.index.model, self.index, fq):
                nth = seen.get((use.expr, use.line), 0)
                seen[(use.expr, use.line)] = nth + 1
                found.append((use, lock, order, nth))
            self._taken[fq] = found
        return self._taken[fq]

    def _families(self) -> set[str]:
        if self._split is None:
            self._split = self._scan()
        return self._split

    def _scan(self) -> set[str]:
        """The families every acquisition of which (`with`, or an `acquire()` that cannot give up)
        is given a key with a literal prefix."""
        named, unnamed = set(), set()
        for family, namespace in self._acquired():
            (named if namespace else unnamed).add(family)
        return named - unnamed

    def _acquired(self) -> Iterator[tuple[str, str]]:
        """(family, key namespace or "") of each acquisition of a keyed family that is not split
        yet, leaving out the registry's own context managers (their callers' keys count)."""
        model = self.index.model
        for fq, _, func in model.iter_functions():
            if _hands_out(func):
                continue
            for use, lock, _, nth in self.taken(fq):
                if lock.scope == "keyed" and not lock.namespace:
                    yield lock.id, namespace_at(func, use.expr, use.line, nth)
        for edge in model.calls_named("acquire"):
            site, func = edge.site, model.functions[edge.caller][1]
            if _hands_out(func) or not site.func or len(site.func) < 2 or site.args or site.kwargs or site.star_args:
                continue
            expr = ".".join(site.func[:-1])
            lock = self.index.lock(edge.caller, expr)
            if lock is not None and lock.scope == "keyed" and not lock.namespace:
                yield lock.id, namespace_at(func, expr, site.line)


def _hands_out(func: "FunctionFacts") -> bool:
    """A context manager (`@asynccontextmanager def hold(self, key)`) whose `with` on the lock of
    the key it is given stands for its callers' `async with locks.hold(...)`: their keys count."""
    return func.has_yield and context_manager(func)


def namespace_at(func: "FunctionFacts", expr: str, line: int, nth: int = 0) -> str:
    """The literal prefix of the key a lock-handing call is given (`pool:` for `async with
    self._locks.hold(f"pool:{pool_id}"):`, or for `lock = self._locks.get(f"pool:{pool_id}")` then
    `async with lock:`); "" when the key is not an f-string starting with text."""
    site = _handing_site(func, expr, line, nth)
    key = site.args[0] if site is not None and site.args else None
    template = key.get("fstring") if isinstance(key, dict) else None
    return template.split("{}", 1)[0] if isinstance(template, str) and "{}" in template else ""


def _handing_site(func: "FunctionFacts", expr: str, line: int, nth: int) -> "CallSite | None":
    """The call that hands out the lock: the `nth` call of `expr` written on the `with` line, or
    the call a local lock was bound from."""
    if expr.endswith("()"):
        chain = expr[:-2]
        sites = sorted((s for s in func.calls if s.line == line and s.name == chain), key=lambda s: s.col)
        return sites[nth] if nth < len(sites) else None
    bound = func.local_types.get(expr) if "." not in expr else None
    if isinstance(bound, dict) and isinstance(bound.get("call"), str) and not bound.get("entered"):
        return bound_site(func, bound)
    return None

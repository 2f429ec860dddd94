"""What a lock is, as the deadlock rules name it: an id (one per instance attribute, module
variable or family of per-key locks, a family split by the namespace of its keys), the library
class that makes it (its kind: async or thread, reentrant or not) and its scope."""
from __future__ import annotations

from dataclasses import dataclass

REENTRANT = frozenset({"threading.RLock", "multiprocessing.RLock"})
ASYNC_KINDS = frozenset({"asyncio.Lock", "asyncio.Semaphore", "asyncio.BoundedSemaphore", "asyncio.Condition",
                         "anyio.Lock", "anyio.Semaphore"})
THREAD_KINDS = frozenset({"threading.Lock", "threading.RLock", "threading.Semaphore", "threading.BoundedSemaphore",
                          "threading.Condition", "multiprocessing.Lock", "multiprocessing.RLock"})
_SEMAPHORE_WORDS = ("sem", "limit", "throttle")
CONTEXT_MANAGERS = frozenset({"contextmanager", "asynccontextmanager"})


@dataclass(frozen=True, slots=True)
class Lock:
    id: str  # "app.services.risk.RiskEngine._exposure_lock"
    kind: str  # resolved constructor ("asyncio.Lock", "threading.RLock"), "" when unknown
    scope: str  # "instance", "module", or "keyed" (a family of per-key locks: "...Class._locks[key]")
    namespace: str = ""  # the literal prefix every key of this part of a keyed family starts with ("pool:")

    @property
    def family(self) -> str:
        """The id without the key namespace: the lock, or the whole family of per-key locks."""
        return self.id.removesuffix(_namespace_suffix(self.namespace))

    def within(self, namespace: str) -> "Lock":
        """The part of this keyed family whose keys start with `namespace` (`f"pool:{pool_id}"`)."""
        return Lock(self.family + _namespace_suffix(namespace), self.kind, self.scope, namespace)

    @property
    def short(self) -> str:
        family = self.family
        named = ".".join(family.split(".")[-2:]) if self.scope in ("instance", "keyed") else family.rsplit(".", 1)[-1]
        return _with_namespace(named, self.namespace)

    @property
    def written(self) -> str:
        """The lock as a method of its class writes it (`self._lock`), for code examples."""
        family = self.family
        if self.scope not in ("instance", "keyed"):
            return self.short
        return _with_namespace(f"self.{family.rsplit('.', 1)[-1]}", self.namespace)

    @property
    def reentrant(self) -> bool:
        return self.kind in REENTRANT

    @property
    def is_semaphore(self) -> bool:
        return "Semaphore" in self.kind or (not self.kind and any(
            w in self.family.rsplit(".", 1)[-1].lower() for w in _SEMAPHORE_WORDS))


def _namespace_suffix(namespace: str) -> str:
    return f"@{namespace!r}" if namespace else ""


def _with_namespace(named: str, namespace: str) -> str:
    """`KeyedLocks._locks[key]` of the "pool:" namespace as `KeyedLocks._locks[f"pool:{...}"]`."""
    return named.replace("[key]", f'[f"{namespace}{{...}}"]') if namespace else named


def family_of(base: Lock | None) -> Lock | None:
    """The family of per-key locks named after `base` (`...Class._locks[key]`), None for none or a family."""
    return Lock(f"{base.id}[key]", "", "keyed") if base is not None and base.scope != "keyed" else None


def namespaced(helper: str, lock: Lock) -> Lock:
    """Keys of different namespaces (`flight:7`, `seat:7:12A`) never name one lock: each helper
    building its own is a family of its own, and two such families can be taken in both orders."""
    return Lock(f"{helper}[key]", lock.kind, "keyed") if lock.scope == "keyed" else lock

"""Lock vocabulary: which attribute names say "this is a lock" when no type proves it, and which
synchronisation types are signals rather than state."""
from __future__ import annotations

import re

# A lock word as a whole word of the name: `_state_lock`, `rlock`, `sendLock`, `user_locks`, `sem`,
# `cond`; not the same letters inside another word (`clock`, `block`, `seconds`, `semantic`), which
# a context manager of unknown type (a compiled `Clock`) would otherwise be taken for.
_LOCK_WORD = re.compile(r"(?:[rw]|rw|file|thread|)(?:lock|locks|locker|locking|mutex|mutexes)|sem|sems|sema"
                        r"|semaphores?|cond|conds|condvar|conditions?")
_WORD_SPLIT = re.compile(r"_+|(?<=[a-z0-9])(?=[A-Z])")


def is_lock_name(name: str) -> bool:
    """Whether one name (no dots) has a lock word among its words."""
    return any(_LOCK_WORD.fullmatch(word.lower().rstrip("0123456789")) for word in _WORD_SPLIT.split(name) if word)


# Signals between tasks or threads: `clear()`, `set()` and `wait()` are the object's own protocol
# (wait for the signal, then re-arm it), not a write into shared data that another task's check
# could have gone stale on.
SIGNAL_TYPES = frozenset({"asyncio.Event", "asyncio.Condition", "threading.Event", "threading.Condition",
                          "multiprocessing.Event", "anyio.Event", "trio.Event"})

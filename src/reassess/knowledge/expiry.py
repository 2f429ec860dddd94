"""How a cache entry gets a lifetime: the calls that expire a key and the write options that set one."""
from __future__ import annotations

# calls that give a key a lifetime (setex/psetex write it with one)
EXPIRE_CALLS = frozenset({"expire", "pexpire", "expireat", "pexpireat", "setex", "psetex"})
# keyword options of a write that set the lifetime (redis-py's ex/px/exat/pxat/keepttl, ttl/timeout/expire
# of the cache wrappers built on it)
EXPIRY_KWARGS = frozenset({"ex", "px", "exat", "pxat", "keepttl", "ttl", "timeout", "expire"})

"""RA518 worker-coordination: work partitioned with the builtin `hash()` of a string, salted per process."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import FunctionFacts
from ...findings import Finding, Location
from ...model.app import is_test_path
from ..api import ProjectContext, Rule, register

# str methods whose result is a str (or bytes): hashing it is salted by PYTHONHASHSEED
_TEXT_METHODS = frozenset({"lower", "upper", "casefold", "strip", "lstrip", "rstrip", "title", "encode", "format",
                           "replace", "join", "removeprefix", "removesuffix", "hex", "isoformat"})
_TEXT_TYPES = frozenset({"str", "bytes"})


@register
class SaltedHashPartition(Rule):
    """A shard or partition number computed with the builtin `hash()` of a string.

    What it finds:
        `hash(key) % shards` where `key` is text (a `str`/`bytes` parameter, a string method's
        result, an f-string, a tuple holding one), returned by the function (`def shard_for(domain,
        total): return hash(domain.lower()) % total`) or kept in a local the function hands on.
        A bucket that indexes a container in place (`locks[hash(k) % len(locks)]`) or is taken
        modulo a `len()` picks among the process's own objects and is left out, as is `hash()` of
        an integer (not salted).

    Why it matters:
        Python salts the hash of `str` and `bytes` per interpreter (`PYTHONHASHSEED`): every worker
        process and every replica, and the same process after a restart, computes a different
        number for the same key. A shard stored with a job or compared with a worker's index sends
        one key's work to different workers from different processes, so the per-key ordering,
        rate limit or ownership the partitioning was meant to give does not hold.

    Example:
        def shard_for_retailer(domain: str, total: int) -> int:
            return hash(domain.lower()) % total

    Instead:
        Use a stable digest: `zlib.crc32(domain.lower().encode()) % total`, or
        `int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big") % total`.
    """

    id = "RA518"
    name = "salted-hash-partition"
    category = "worker-coordination"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        for fq, facts, func in ctx.model.iter_functions():
            buckets = func.extra.get("hash_buckets")
            if not buckets or is_test_path(facts.path) or func.name == "__hash__":
                continue
            for bucket in buckets:
                if _text(func, bucket["hashed"]) and _handed_on(func, bucket["local"]):
                    yield self._finding(facts.path, fq, bucket)

    def _finding(self, path: str, fq: str, bucket: dict) -> Finding:
        where = "returns" if not bucket["local"] else f"keeps in `{bucket['local']}` and hands on"
        description = (
            f"`{fq.rsplit('.', 1)[-1]}` {where} a partition number taken from the builtin `hash()` of a string. "
            "String hashes are salted per interpreter (PYTHONHASHSEED): each worker process, each replica and "
            "each restart computes another number for the same key, so the key's work is not kept on one "
            "partition across processes.")
        return self.finding(Location(path, bucket["line"], bucket["line"]),
                            "partition number from `hash()` of a string differs between processes", description,
                            recommendation="Hash with a stable digest instead: `zlib.crc32(key.encode()) % shards` "
                            "(or `hashlib.blake2b`), the same in every process.")


def _text(func: FunctionFacts, value: object, depth: int = 0) -> bool:
    """The hashed value is text: a string constant, an f-string, a string method's result, a
    parameter or local annotated `str`/`bytes`, or a tuple holding one of these."""
    if isinstance(value, (str, bytes)):
        return True
    if not isinstance(value, dict) or depth > 2:
        return False
    if "fstring" in value:
        return True
    if "call" in value:
        call = value["call"] or ""
        return call in _TEXT_TYPES or "." in call and call.rsplit(".", 1)[-1] in _TEXT_METHODS
    if value.get("literal") == "tuple":
        return any(_text(func, item, depth + 1) for item in value.get("items", ()))
    ref = value.get("ref")
    if not isinstance(ref, str) or "." in ref:
        return False
    param = next((p for p in func.params if p.name == ref), None)
    if param is not None:
        return _text_annotation(param.annotation or "")
    bound = func.local_types.get(ref)
    return isinstance(bound, dict) and _text_annotation(bound.get("ann") or bound.get("declared") or "")


def _text_annotation(text: str) -> bool:
    """`str`, `bytes`, `str | None`, `Optional[str]`."""
    parts = {p.strip() for p in text.replace("Optional[", "").rstrip("]").split("|")} - {"None"}
    return bool(parts) and parts <= _TEXT_TYPES


def _handed_on(func: FunctionFacts, local: str) -> bool:
    """Returned directly, or the local holding it is passed to a call or returned."""
    if not local:
        return True
    ref = {"ref": local}
    return ref in func.returns_values or any(ref in site.args or ref in site.kwargs.values() for site in func.calls)

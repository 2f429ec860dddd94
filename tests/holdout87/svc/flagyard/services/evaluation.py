from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass
from typing import Any

from ..cache.flag_cache import FlagCache
from ..db.models import Environment, Flag
from ..repositories.flags import FlagRepository
from ..utils.hashing import BUCKETS, bucket_for, flag_salt
from ..utils.timeutil import parse_ts, utcnow
from .targeting import Rollout, Rule, Segment, in_rollout, in_window, rule_matches


@dataclass(frozen=True)
class CompiledFlag:
    key: str
    enabled: bool
    default_variant: str
    variants: dict[str, Any]
    rules: tuple[Rule, ...]
    rollout: Rollout
    salt: str


def _compile(env_key: str, raw: dict[str, Any]) -> CompiledFlag:
    rollout = raw.get("rollout") or {}
    return CompiledFlag(
        key=raw["key"],
        enabled=raw["enabled"],
        default_variant=raw["default_variant"],
        variants=raw.get("variants") or {},
        rules=tuple(Rule(r["attribute"], r["operator"], tuple(r["values"]), r["variant"]) for r in raw["rules"]),
        rollout=Rollout(
            percentage=int(rollout.get("percentage", 100)),
            starts_at=parse_ts(rollout["starts_at"]) if rollout.get("starts_at") else None,
            ends_at=parse_ts(rollout["ends_at"]) if rollout.get("ends_at") else None,
        ),
        salt=flag_salt(env_key, raw["key"]),
    )


def snapshot_from_flags(flags: list[Flag]) -> dict[str, Any]:
    return {
        "flags": [
            {
                "key": f.key,
                "version": f.version,
                "enabled": f.enabled,
                "default_variant": f.default_variant,
                "variants": f.variants,
                "rollout": f.rollout,
                "rules": [
                    {"attribute": r.attribute, "operator": r.operator, "values": r.values, "variant": r.variant}
                    for r in f.rules
                ],
            }
            for f in flags
        ],
        "segments": {},
    }


class EvaluationService:
    def __init__(self, cache: FlagCache) -> None:
        self._cache = cache
        self._compiled: dict[str, CompiledFlag] = {}

    async def _snapshot(self, env: Environment, flags: FlagRepository) -> dict[str, Any]:
        snapshot = await self._cache.load(env.project_id, env.id)
        if snapshot is None:
            snapshot = snapshot_from_flags(await flags.with_rules(env.id))
            await self._cache.store(env.project_id, env.id, snapshot)
        return snapshot

    def _compiled_flag(self, env: Environment, raw: dict[str, Any]) -> CompiledFlag:
        cache_key = f"{env.id}:{raw['key']}:{raw['version']}"
        compiled = self._compiled.get(cache_key)
        if compiled is None:
            compiled = _compile(env.key, raw)
            self._compiled[cache_key] = compiled
        return compiled

    async def evaluate_all(self, env: Environment, flags: FlagRepository, context: dict[str, Any]) -> dict[str, Any]:
        snapshot = copy.deepcopy(await self._snapshot(env, flags))
        segments = {k: Segment(k, frozenset(v)) for k, v in snapshot.get("segments", {}).items()}
        user_key = str(context.get("key", ""))
        now = utcnow()
        results: dict[str, Any] = {}
        for raw in snapshot["flags"]:
            flag = self._compiled_flag(env, raw)
            results[flag.key] = self._evaluate(flag, context, segments, user_key, now)
        return results

    def _evaluate(
        self, flag: CompiledFlag, context: dict[str, Any], segments: dict[str, Segment], user_key: str, now: Any
    ) -> dict[str, Any]:
        if not flag.enabled:
            return {"variant": flag.default_variant, "reason": "disabled"}
        for index, rule in enumerate(flag.rules):
            if rule_matches(rule, context, segments):
                return {"variant": rule.variant, "reason": "rule", "rule_index": index}
        if not in_window(flag.rollout, now):
            return {"variant": flag.default_variant, "reason": "outside_window"}
        bucket = bucket_for(flag.salt, user_key)
        if in_rollout(flag.rollout, bucket, BUCKETS):
            on = next(iter(flag.variants), flag.default_variant)
            return {"variant": on, "reason": "rollout"}
        return {"variant": flag.default_variant, "reason": "fallthrough"}

    def forget_environment(self, environment_id: uuid.UUID) -> None:
        prefix = f"{environment_id}:"
        for key in [k for k in self._compiled if k.startswith(prefix)]:
            del self._compiled[key]

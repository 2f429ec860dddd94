"""Segment rule evaluation.

Rules are a small JSON tree::

    {"all": [{"attr": "country", "op": "eq", "value": "DE"},
             {"tag": "vip"},
             {"any": [{"attr": "plan", "op": "in", "value": ["pro", "team"]}]}],
     "exclude_emails": ["ceo@example.com"]}
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from mailroom.db.models import Subscriber
from mailroom.repositories.subscribers import SubscriberRepository

_OPS = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "in": lambda a, b: a in b,
    "gt": lambda a, b: a is not None and a > b,
    "lt": lambda a, b: a is not None and a < b,
    "contains": lambda a, b: a is not None and b in a,
}


def _match(rule: dict[str, Any], sub: Subscriber, tags: set[str]) -> bool:
    if "all" in rule:
        return all(_match(r, sub, tags) for r in rule["all"])
    if "any" in rule:
        return any(_match(r, sub, tags) for r in rule["any"])
    if "not" in rule:
        return not _match(rule["not"], sub, tags)
    if "tag" in rule:
        return rule["tag"] in tags
    attr = rule["attr"]
    value = getattr(sub, attr, None) if attr in ("email", "first_name", "last_name") else (sub.attributes or {}).get(attr)
    return _OPS[rule.get("op", "eq")](value, rule.get("value"))


def _uses_tags(rule: dict[str, Any]) -> bool:
    if "tag" in rule:
        return True
    children: Iterable[dict] = rule.get("all", []) or rule.get("any", [])
    if "not" in rule:
        children = [rule["not"]]
    return any(_uses_tags(c) for c in children)


class SegmentEvaluator:
    PAGE = 1000

    def __init__(self, repo: SubscriberRepository) -> None:
        self.repo = repo

    async def preview(self, list_id: int, rules: dict[str, Any], sample: int = 50) -> list[Subscriber]:
        page = await self.repo.page_active(list_id, limit=sample * 4)
        tags = await self.repo.tags_for_many([s.id for s in page]) if _uses_tags(rules) else {}
        return [s for s in page if _match(rules, s, tags.get(s.id, set()))][:sample]

    async def resolve(self, list_id: int, rules: dict[str, Any] | None) -> list[tuple[int, str]]:
        """All (subscriber_id, email) pairs of a list that the rules select."""
        rules = rules or {}
        excluded: Sequence[str] = [e.lower() for e in rules.get("exclude_emails", [])]
        need_tags = _uses_tags(rules)
        selected: list[tuple[int, str]] = []
        after = 0
        while True:
            page = await self.repo.page_active(list_id, after_id=after, limit=self.PAGE)
            if not page:
                break
            for sub in page:
                tags = set(await self.repo.tags_for(sub.id)) if need_tags else set()
                if rules and not _match(rules, sub, tags):
                    continue
                if sub.email.lower() in excluded:
                    continue
                selected.append((sub.id, sub.email))
            after = page[-1].id
        return selected

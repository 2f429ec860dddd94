"""Matching rows against the ids grouped under their owner."""
from __future__ import annotations

from collections import defaultdict


def matched(rows: list[dict], links: list[tuple[str, str]]) -> list[dict]:
    ids_by_owner: dict[str, list[str]] = defaultdict(list)
    for owner, item_id in links:
        ids_by_owner[owner].append(item_id)
    kept = []
    for owner in {row["owner"] for row in rows}:
        allowed = ids_by_owner.get(owner, [])
        kept += [row for row in rows if row["owner"] == owner and row["id"] in allowed]  # expect: inefficient-algorithm
    return kept


def matched_by_set(rows: list[dict], links: list[tuple[str, str]]) -> list[dict]:
    # a set per owner: correct
    ids_by_owner: dict[str, set[str]] = defaultdict(set)
    for owner, item_id in links:
        ids_by_owner[owner].add(item_id)
    return [row for row in rows if row["id"] in ids_by_owner.get(row["owner"], set())]


def tagged(rows: list[dict], tags: dict[str, list[str]]) -> list[dict]:
    # the same question on every pass, a constant tested: correct
    wanted = tags.get("default", [])
    return [row for row in rows if "urgent" in wanted]


def _members_by_team(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    teams: dict[str, list[str]] = {}
    for team, member in pairs:
        teams.setdefault(team, []).append(member)
    return teams


def active_members(events: list[dict], pairs: list[tuple[str, str]], team: str) -> list[dict]:
    members = _members_by_team(pairs).get(team, [])
    return [e for e in events if e["member"] in members]  # expect: inefficient-algorithm


def optional_fields(schema: dict, fields: dict[str, object]) -> list[str]:
    # a list read from a parsed document, not lists grouped by key: not reported
    required = schema.get("required", [])
    return [name for name in fields if name not in required]

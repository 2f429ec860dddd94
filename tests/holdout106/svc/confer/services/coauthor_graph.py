"""Co-author graph used for conflict-of-interest detection.

The graph is built from DBLP-imported co-authorships plus authorships on the
current conference's submissions. Distance-1 and distance-2 neighbours of any
author are treated as conflicted reviewers.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict, deque
from typing import Iterable


_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"a", "an", "the", "of", "for", "and", "in", "on", "with", "to"})


def normalize_title(title: str) -> str:
    return " ".join(_WORD.findall(title.lower()))


def tokens(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def jaccard(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def normalize_institution(name: str | None) -> str:
    if not name:
        return ""
    name = name.lower().replace("univ.", "university").replace("&", "and")
    return " ".join(_WORD.findall(name))


_NEIGHBOURS: dict[int, frozenset[int]] = {}


def remember_edges(edges: Iterable[tuple[int, int]]) -> None:
    adjacency: dict[int, set[int]] = defaultdict(set)
    for a, b in edges:
        if a == b:
            continue
        adjacency[a].add(b)
        adjacency[b].add(a)
    for node, found in adjacency.items():
        _NEIGHBOURS[node] = frozenset(found | _NEIGHBOURS.get(node, frozenset()))


def neighbours(user_id: int) -> frozenset[int]:
    return _NEIGHBOURS.get(user_id, frozenset())


def within_distance(sources: Iterable[int], max_depth: int) -> dict[int, int]:
    seen: dict[int, int] = {}
    queue: deque[tuple[int, int]] = deque()
    for s in sources:
        seen[s] = 0
        queue.append((s, 0))
    while queue:
        node, depth = queue.popleft()
        if depth == max_depth:
            continue
        for nxt in neighbours(node):
            if nxt not in seen:
                seen[nxt] = depth + 1
                queue.append((nxt, depth + 1))
    return seen


def transitive_conflicts(
    authors_by_paper: dict[int, list[int]], reviewer_ids: list[int], max_depth: int = 2
) -> set[tuple[int, int]]:
    reviewers = set(reviewer_ids)
    conflicts: set[tuple[int, int]] = set()
    for paper_id, author_ids in authors_by_paper.items():
        reach = within_distance(author_ids, max_depth)
        for reviewer_id in reviewers.intersection(reach):
            conflicts.add((paper_id, reviewer_id))
    return conflicts


@functools.lru_cache(maxsize=4096)
def institution_key(name: str | None) -> str:
    key = normalize_institution(name)
    for suffix in (" university", " institute of technology", " inc"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    return key

"""Reviewer assignment as a min-cost problem.

Pure CPU code: every paper needs ``k`` reviewers, each reviewer takes at most
``max_load`` papers, bids lower the cost and conflicts forbid a pair. The
solver repeatedly runs the Hungarian algorithm on a paper x reviewer-slot
matrix, which is O(n^3) per round.
"""
from __future__ import annotations

import math
from typing import Sequence

BID_COST = {"eager": 0.0, "willing": 1.0, "in_a_pinch": 3.0, "not_willing": 20.0}
DEFAULT_COST = 5.0
FORBIDDEN = math.inf


def build_cost_matrix(
    paper_ids: Sequence[int], profiles: Sequence[dict], conflicts: set[tuple[int, int]]
) -> list[list[float]]:
    matrix: list[list[float]] = []
    for pid in paper_ids:
        row = []
        for profile in profiles:
            if (pid, profile["id"]) in conflicts:
                row.append(FORBIDDEN)
            else:
                row.append(BID_COST.get(profile["bids"].get(pid, ""), DEFAULT_COST))
        matrix.append(row)
    return matrix


def _hungarian(cost: list[list[float]]) -> list[int]:
    n = len(cost)
    m = len(cost[0]) if n else 0
    big = 1e9
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [math.inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = math.inf
            j1 = 0
            for j in range(1, m + 1):
                if not used[j]:
                    c = cost[i0 - 1][j - 1]
                    cur = (big if c == FORBIDDEN else c) - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


def solve(
    cost: list[list[float]], paper_ids: Sequence[int], reviewer_ids: Sequence[int], k: int, max_load: int
) -> list[tuple[int, int]]:
    load = [0] * len(reviewer_ids)
    taken: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int]] = []
    for _round in range(k):
        slots = [r for r in range(len(reviewer_ids)) if load[r] < max_load]
        if not slots:
            break
        matrix = [
            [FORBIDDEN if (p, r) in taken else cost[p][r] + 0.01 * load[r] for r in slots]
            for p in range(len(paper_ids))
        ]
        assignment = _hungarian(matrix)
        for p, col in enumerate(assignment):
            if col < 0 or matrix[p][col] == FORBIDDEN:
                continue
            r = slots[col]
            taken.add((p, r))
            load[r] += 1
            pairs.append((paper_ids[p], reviewer_ids[r]))
    return pairs


def plan(
    paper_ids: Sequence[int], profiles: Sequence[dict], conflicts: set[tuple[int, int]], k: int, max_load: int
) -> list[tuple[int, int]]:
    cost = build_cost_matrix(paper_ids, profiles, conflicts)
    return solve(cost, paper_ids, [p["id"] for p in profiles], k, max_load)

"""Merged activity timelines."""
from __future__ import annotations

import bisect
from operator import itemgetter


def merge_events(payments: list[dict], refunds: list[dict]) -> list[dict]:
    timeline: list[dict] = []
    for event in [*payments, *refunds]:
        timeline.append(event)
        timeline.sort(key=itemgetter("at"))  # expect: inefficient-algorithm
    return timeline


def collect(batches: list[list[int]]) -> list[int]:
    out = []
    for batch in batches:
        out.extend(batch)
        out.sort()  # expect: inefficient-algorithm
    return out


def merge_once(payments: list[dict], refunds: list[dict]) -> list[dict]:
    # collected, then sorted once: correct
    timeline = [*payments, *refunds]
    timeline.sort(key=itemgetter("at"))
    return timeline


def running_median(values: list[float]) -> list[float]:
    # the loop reads the sorted order on every pass: not a wasted sort
    window: list[float] = []
    medians = []
    for value in values:
        window.append(value)
        window.sort()
        medians.append(window[len(window) // 2])
    return medians


def insert_sorted(values: list[int]) -> list[int]:
    ordered: list[int] = []
    for value in values:
        bisect.insort(ordered, value)
    return ordered


def by_priority(rows: list[dict], keys: list[tuple[str, bool]]) -> list[dict]:
    # stable multi-key sort, least important key first: one sort per key, on purpose
    ordered = list(rows)
    for field, descending in reversed(keys):
        ordered.sort(key=itemgetter(field), reverse=descending)
    return ordered

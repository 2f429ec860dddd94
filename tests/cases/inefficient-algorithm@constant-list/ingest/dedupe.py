"""Merges supplier feeds."""
from __future__ import annotations


def new_skus(feed: list[dict], catalogue: list[dict]) -> list[str]:
    existing = [item["sku"] for item in catalogue]
    fresh = []
    for row in feed:
        if row["sku"] not in existing:  # expect: inefficient-algorithm
            fresh.append(row["sku"])
    return fresh


def first_seen(events: list[dict]) -> list[str]:
    order = ["bootstrap"]
    for event in events:
        if event["name"] not in order:  # expect: inefficient-algorithm
            order.append(event["name"])
    return order

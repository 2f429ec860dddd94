"""Splitting streamed chunks into lines (a position test on the counter) beside a real join whose
index is enumerated too."""
from __future__ import annotations


def complete_lines(chunks: list[str]) -> list[str]:
    out: list[str] = []
    pending = ""
    for chunk in chunks:
        for i, line in enumerate(chunk.split("\n")):
            if i == len(chunk.split("\n")) - 1:
                pending = line
                break
            out.append(pending + line if i == 0 else line)
    return out


def pair_orders(orders: list[dict], payments: list[dict]) -> list[tuple[int, dict, dict]]:
    pairs = []
    for order in orders:
        for n, payment in enumerate(payments):  # expect: inefficient-algorithm
            if payment["order_id"] == order["id"]:
                pairs.append((n, order, payment))
    return pairs

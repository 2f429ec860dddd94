"""Report building: quadratic shapes and their linear look-alikes."""
from __future__ import annotations

from collections import deque

ALLOWED = ["open", "closed"]


def unique_ids(orders: list[dict]) -> list[int]:
    seen = []
    for order in orders:
        if order["id"] not in seen:  # expect: inefficient-algorithm
            seen.append(order["id"])
    return seen


def unique_ids_fast(orders: list[dict]) -> list[int]:
    seen = set()
    out = []
    for order in orders:
        if order["id"] not in seen:
            seen.add(order["id"])
            out.append(order["id"])
    return out


def allowed(orders: list[dict]) -> list[dict]:
    return [order for order in orders if order["status"] in ALLOWED]


def flagged(orders: list[dict], flagged_ids: list[int]) -> list[dict]:
    return [order for order in orders if order["id"] in flagged_ids]  # expect: inefficient-algorithm


def positions(names: list[str], wanted: list[str]) -> list[int]:
    return [names.index(name) for name in wanted]  # expect: inefficient-algorithm


def drain(jobs: list[str]) -> list[str]:
    queue = list(jobs)
    done = []
    while queue:
        done.append(queue.pop(0))  # expect: inefficient-algorithm
    return done


def drain_fast(jobs: list[str]) -> list[str]:
    queue = deque(jobs)
    done = []
    while queue:
        done.append(queue.popleft())
    return done


def last_item(items: list[str]) -> str:
    stack = list(items)
    return stack.pop()


def csv(rows: list[dict]) -> str:
    body = ""
    for row in rows:
        body += f"{row['id']},{row['name']}\n"  # expect: inefficient-algorithm
    return body


def csv_fast(rows: list[dict]) -> str:
    return "".join(f"{row['id']},{row['name']}\n" for row in rows)


def header() -> str:
    text = ""
    for column in ("id", "name"):
        text += column
    return text


def counter(rows: list[dict]) -> int:
    total = 0
    for row in rows:
        total += row["n"]
    return total


def ranked(alerts: list[dict], prices: list[float]) -> list[float]:
    out = []
    for alert in alerts:
        ordered = sorted(prices)  # expect: inefficient-algorithm
        out.append(ordered[alert["rank"]])
    return out


def ranked_fast(alerts: list[dict], prices: list[float]) -> list[float]:
    ordered = sorted(prices)
    return [ordered[alert["rank"]] for alert in alerts]


def per_group(groups: list[list[float]]) -> list[list[float]]:
    return [sorted(group) for group in groups]


def latest(fills: list[dict]) -> dict:
    return sorted(fills, key=lambda f: f["ts"])[-1]  # expect: inefficient-algorithm


def oldest_two(fills: list[dict]) -> list[dict]:
    return sorted(fills, key=lambda f: f["ts"])[:2]


def match(orders: list[dict], instruments: list[dict]) -> list[tuple]:
    pairs = []
    for order in orders:
        for instrument in instruments:  # expect: inefficient-algorithm
            if instrument["id"] == order["instrument_id"]:
                pairs.append((order, instrument))
    return pairs


def match_fast(orders: list[dict], instruments: list[dict]) -> list[tuple]:
    by_id = {instrument["id"]: instrument for instrument in instruments}
    return [(order, by_id[order["instrument_id"]]) for order in orders if order["instrument_id"] in by_id]


def grid(rows: list[dict], columns: list[str]) -> list[list]:
    out = []
    for row in rows:
        for column in columns:
            if row.get(column) == 0:
                out.append([row, column])
    return out


def removed(previous: list[dict], current: list[dict]) -> list[dict]:
    out = []
    for tag in previous:
        if tag["id"] not in [t["id"] for t in current]:  # expect: inefficient-algorithm
            out.append(tag)
    return out


def train(epochs: int, batches: list[list[float]], splits: list[str]) -> list[float]:
    losses = []
    for _ in range(epochs):
        for batch in batches:
            losses.append(sum(batch))
        if "test" in splits:
            losses.append(0.0)
    return losses


def pretty(params: dict[str, object]) -> str:
    result = "{\n"
    for key, value in params.items():
        result += f'    "{key}": '  # expect: inefficient-algorithm
        result += f"{value!r},\n"
    return result + "}"

"""Per-interval consumption from cumulative register readings."""
from dataclasses import dataclass


@dataclass
class Reading:
    value: float
    at: float


def deltas(readings: list[dict]) -> list[float]:
    out = []
    for i in range(1, len(readings)):
        delta = readings[i]["value"] - readings[i]["value"]  # expect: logic-error
        if delta >= 0:
            out.append(delta)
    return out


def elapsed(first: Reading, last: Reading) -> float:
    return last.at - last.at  # expect: logic-error


def correct_deltas(readings: list[dict]) -> list[float]:
    return [readings[i]["value"] - readings[i - 1]["value"] for i in range(1, len(readings))]


def nan_or_zero(x: float, r: Reading) -> float:
    return (x - x) + (r.value - r.at)


def drained(queue) -> int:
    return queue.pop() - queue.pop()

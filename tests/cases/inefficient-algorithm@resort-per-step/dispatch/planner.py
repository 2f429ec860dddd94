"""Courier assignment: hand parcels to the least-loaded courier, rank couriers by rating."""
from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass
class Courier:
    courier_id: int
    capacity: int
    rating: float


def assign(parcels: list[int], couriers: list[Courier]) -> dict[int, list[int]]:
    load = {c.courier_id: 0 for c in couriers}
    plan: dict[int, list[int]] = {c.courier_id: [] for c in couriers}
    open_couriers = [c for c in couriers if c.capacity > 0]
    queue = list(parcels)
    while queue and open_couriers:
        open_couriers.sort(key=lambda c: load[c.courier_id])  # expect: inefficient-algorithm
        courier = open_couriers[0]
        parcel = queue.pop()
        plan[courier.courier_id].append(parcel)
        load[courier.courier_id] += 1
        if load[courier.courier_id] >= courier.capacity:
            open_couriers.remove(courier)
    return plan


def waves(parcels: list[int], size: int) -> list[list[int]]:
    # sorted each pass, but every item is used: a different order per wave, not one end
    result = []
    remaining = list(parcels)
    while remaining:
        remaining.sort(reverse=len(result) % 2 == 1)
        result.append(remaining[:size])
        remaining = remaining[size:]
    return result


class Ranking:
    @staticmethod
    def percentile(rating: float, all_ratings: list[float]) -> float:
        ordered = sorted(all_ratings)  # expect: inefficient-algorithm
        return bisect.bisect_left(ordered, rating) / max(len(ordered), 1)

    @staticmethod
    def position(rating: float, ordered: list[float]) -> int:
        return bisect.bisect_left(ordered, rating)

    def report(self, couriers: list[Courier]) -> dict[int, float]:
        ratings = [c.rating for c in couriers]
        out = {}
        for courier in couriers:
            out[courier.courier_id] = self.percentile(courier.rating, ratings)
        return out

    def ladder(self, couriers: list[Courier]) -> dict[int, int]:
        ordered = sorted(c.rating for c in couriers)
        out = {}
        for courier in couriers:
            out[courier.courier_id] = self.position(courier.rating, ordered)
        return out

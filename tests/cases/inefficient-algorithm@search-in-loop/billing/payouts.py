"""Weekly payout statements for partner restaurants."""
from __future__ import annotations

from typing import Any

from billing.store import PayoutStore


class PayoutReport:
    def __init__(self, store: PayoutStore) -> None:
        self._store = store

    async def summary(self, week: str) -> list[dict[str, Any]]:
        payouts = await self._store.payouts_for_week(week)
        restaurants = await self._store.restaurants([p["restaurant_id"] for p in payouts])
        rows = []
        for payout in payouts:
            restaurant = next(r for r in restaurants if r["id"] == payout["restaurant_id"])  # expect: inefficient-algorithm
            rows.append({"restaurant": restaurant["name"], "amount": payout["amount_cents"] / 100})
        return rows

    async def flagged(self, week: str) -> list[int]:
        payouts = await self._store.payouts_for_week(week)
        disputes = await self._store.open_disputes()
        return [p["id"] for p in payouts
                if any(d["payout_id"] == p["id"] for d in disputes)]  # expect: inefficient-algorithm

    async def indexed_summary(self, week: str) -> list[dict[str, Any]]:
        payouts = await self._store.payouts_for_week(week)
        by_id = {r["id"]: r for r in await self._store.restaurants([p["restaurant_id"] for p in payouts])}
        return [{"restaurant": by_id[p["restaurant_id"]]["name"], "amount": p["amount_cents"]} for p in payouts]

    async def line_totals(self, week: str) -> dict[int, int]:
        totals = {}
        for payout in await self._store.payouts_for_week(week):
            # the payout's own lines: a part of the item, not a second collection
            totals[payout["id"]] = sum(line["cents"] for line in payout["lines"] if line["kind"] == payout["kind"])
        return totals

    async def per_payout_lookup(self, week: str) -> list[str]:
        names = []
        for payout in await self._store.payouts_for_week(week):
            staff = await self._store.staff_for(payout["restaurant_id"])
            names.append(next(s["name"] for s in staff if s["id"] == payout["approved_by"]))
        return names

    def constant_filter(self, payouts: list[dict[str, Any]], restaurants: list[dict[str, Any]]) -> list[str]:
        open_ids = []
        for payout in payouts:
            open_ids.extend(r["name"] for r in restaurants if r["status"] == "open")
        return open_ids


def matched_lines(payout: dict[str, Any], statement: Any) -> list[Any]:
    matched = []
    for line in payout["lines"]:
        matched.extend(entry for entry in statement.entries if entry.ref == line["ref"])
    return matched


def by_state(payouts: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped = {}
    for state in States:
        grouped[state] = [p for p in payouts if p["state"] == state]
    return grouped


States = ("open", "paid", "held")

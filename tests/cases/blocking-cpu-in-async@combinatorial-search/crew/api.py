"""Routes of the crew planner."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter

from crew.rostering import Worker, best_pair, cheapest_team, shift_orders, shortest_route

router = APIRouter()


@router.post("/teams")
async def plan_team(workers: list[Worker], needed: list[str]) -> dict:
    team = cheapest_team(workers, set(needed))  # expect: blocking-cpu-in-async
    return {"team": [w.id for w in team or ()]}


@router.post("/routes")
async def plan_route(stops: list[tuple[float, float]]) -> dict:
    return {"route": shortest_route(stops)}  # expect: blocking-cpu-in-async


@router.post("/teams/offloaded")
async def plan_team_offloaded(workers: list[Worker], needed: list[str]) -> dict:
    team = await asyncio.to_thread(cheapest_team, workers, set(needed))
    return {"team": [w.id for w in team or ()]}


@router.post("/pairs")
async def pair(workers: list[Worker]) -> dict:
    found = best_pair(workers)
    return {"pair": [w.id for w in found] if found else []}


@router.get("/shifts")
async def shifts() -> dict:
    return {"orders": shift_orders()}

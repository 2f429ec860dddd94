"""Lookup endpoints."""
from __future__ import annotations

import asyncio
import difflib

from fastapi import APIRouter

from crm.matching import best_customer, name_score, same_spelling

router = APIRouter()
_COUNTRIES = ["France", "Germany", "Italy", "Spain"]


async def _customer_names(db) -> list[str]:
    return [r["name"] for r in await db.fetch("SELECT name FROM customers")]


@router.get("/customers/match")
async def match_customer(q: str, db=None) -> dict:
    return {"match": await best_customer(db, q), "score": name_score(q, q.split())}


@router.get("/customers/suggest")
async def suggest(q: str, db=None) -> dict:
    names = await db.fetch_names()
    return {"suggestions": difflib.get_close_matches(q, names, n=5)}  # expect: blocking-cpu-in-async


@router.get("/customers/suggest-offloaded")
async def suggest_offloaded(q: str, db=None) -> dict:
    names = await _customer_names(db)
    return {"suggestions": await asyncio.to_thread(difflib.get_close_matches, q, names)}


@router.get("/countries/suggest")
async def suggest_country(q: str) -> dict:
    # a fixed list written in the code
    return {"suggestions": difflib.get_close_matches(q, _COUNTRIES), "exact": same_spelling(q, _COUNTRIES[0])}

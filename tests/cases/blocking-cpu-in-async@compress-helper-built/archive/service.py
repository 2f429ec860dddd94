"""Data-portability exports."""
from __future__ import annotations

import asyncio
import gzip
from typing import Any

from fastapi import APIRouter, Response

from archive.render import postings_csv, summary_json

router = APIRouter()


class Ledger:
    async def postings(self, wallet_id: int, year: int) -> list[dict[str, Any]]:
        return []


ledger = Ledger()


@router.get("/wallets/{wallet_id}/archive/{year}")
async def export_archive(wallet_id: int, year: int) -> Response:
    postings = await ledger.postings(wallet_id, year)
    body = postings_csv(postings)
    return Response(gzip.compress(body.encode("utf-8"), compresslevel=9), media_type="application/gzip")  # expect: blocking-cpu-in-async


@router.get("/wallets/{wallet_id}/archive/{year}/threaded")
async def export_archive_threaded(wallet_id: int, year: int) -> Response:
    postings = await ledger.postings(wallet_id, year)
    body = postings_csv(postings)
    data = await asyncio.to_thread(gzip.compress, body.encode("utf-8"), 9)
    return Response(data, media_type="application/gzip")


@router.get("/wallets/{wallet_id}/summary.gz")
async def export_summary(wallet_id: int) -> Response:
    text = summary_json(100, "EUR")
    return Response(gzip.compress(text.encode()), media_type="application/gzip")

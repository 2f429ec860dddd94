"""Report building on top of the warehouse client."""
from __future__ import annotations

import asyncio
import logging

logger = logging.getLogger(__name__)


class ReportError(RuntimeError):
    pass


async def build_report(client, report_id: int) -> dict:
    rows = await client.fetch_rows(report_id)
    return {"id": report_id, "rows": rows}


async def build_or_fail(client, report_id: int) -> dict:
    try:
        return await build_report(client, report_id)
    except Exception as exc:
        raise ReportError(f"report {report_id} failed") from exc


def resolve_later(future: asyncio.Future, compute) -> None:
    try:
        future.set_result(compute())
    except Exception as exc:
        future.set_exception(exc)


def render_all(reports: list[dict], render) -> list[str]:
    out = []
    for report in reports:
        try:
            out.append(render(report))
        except Exception:  # expect: broad-except
            out.append("")
    return out

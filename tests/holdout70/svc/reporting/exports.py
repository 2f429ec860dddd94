"""Regulator and finance exports. Runs against the read replica."""
from __future__ import annotations

import asyncio
import csv
import logging
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from svc.config import get_settings
from svc.db.models import Bet

logger = logging.getLogger(__name__)

BET_COLUMNS = ["id", "user_id", "event_id", "stake", "odds", "status", "placed_at", "settled_at"]


def _write_csv(path: Path, header: list[str], rows: Iterable[Iterable[Any]]) -> int:
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    try:
        with open(tmp, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                count += 1
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    return count


async def _fetch_bets_for_day(day: date) -> list[tuple]:
    engine = create_async_engine(get_settings().reporting_dsn)
    try:
        async with engine.connect() as conn:
            stmt = select(*(getattr(Bet, c) for c in BET_COLUMNS)).where(func.date(Bet.placed_at) == day)
            result = await conn.execute(stmt)
            return [tuple(r) for r in result.all()]
    finally:
        await engine.dispose()


async def export_daily_bets(day: date) -> Path:
    rows = await _fetch_bets_for_day(day)
    path = Path(get_settings().export_dir) / f"bets-{day.isoformat()}.csv"
    n = await asyncio.to_thread(_write_csv, path, BET_COLUMNS, rows)
    logger.info("daily bet export %s: %d rows", path.name, n)
    return path


async def export_ggr_summary(day: date) -> Path:
    """Gross gaming revenue by sport and market for the regulator."""
    rows = await _fetch_bets_for_day(day)
    df = pd.DataFrame.from_records(rows, columns=BET_COLUMNS)
    df["payout"] = df.apply(lambda r: float(r["stake"]) * float(r["odds"]) if r["status"] == "won" else 0.0, axis=1)
    summary = df.groupby(["event_id", "status"]).agg(stake=("stake", "sum"), payout=("payout", "sum")).reset_index()
    path = Path(get_settings().export_dir) / f"ggr-{day.isoformat()}.csv"
    n = _write_csv(path, list(summary.columns), summary.itertuples(index=False))
    logger.info("ggr export %s: %d rows", path.name, n)
    return path


async def export_week_window(end: date) -> list[Path]:
    paths = []
    for offset in range(7):
        paths.append(await export_daily_bets(end - timedelta(days=offset)))
    return paths


async def stream_recent_settlements(conn, since: datetime | None = None, page: int = 5000):
    """Keyset-paginated settlements for the finance sync job."""
    since = since or datetime.now(timezone.utc) - timedelta(days=1)
    last_id = 0
    while True:
        rows = (
            await conn.execute(
                text(
                    "SELECT id, bet_id, outcome, payout, settled_at FROM settlement_ledger "
                    "WHERE settled_at >= :since AND id > :last ORDER BY id LIMIT :page"
                ),
                {"since": since, "last": last_id, "page": page},
            )
        ).all()
        if not rows:
            return
        for r in rows:
            yield r
        last_id = rows[-1][0]


async def export_user_activity(sessions, settlement_repo, user_ids: list[int], day: date) -> Path:
    """Per-bet activity for a list of users (affordability and AML reviews)."""
    start = datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc)
    end = start + timedelta(days=1)
    async with sessions() as session:
        stmt = (
            select(Bet)
            .where(Bet.user_id.in_(user_ids), Bet.placed_at >= start, Bet.placed_at < end)
            .order_by(Bet.user_id, Bet.placed_at)
        )
        bets = list((await session.scalars(stmt)).all())
    legs_by_bet = await settlement_repo.legs_for_bets([b.id for b in bets])
    rows = []
    for bet in bets:
        legs = legs_by_bet.get(bet.id, [])
        rows.append((bet.user_id, bet.id, bet.stake, bet.odds, bet.status.value, len(legs),
                     ";".join(str(leg["selection_id"]) for leg in legs)))
    path = Path(get_settings().export_dir) / f"activity-{day.isoformat()}-{len(user_ids)}u.csv"
    header = ["user_id", "bet_id", "stake", "odds", "status", "legs", "selections"]
    await asyncio.to_thread(_write_csv, path, header, rows)
    return path


PARTNER_STATEMENT_SQL = text(
    """
    SELECT p.id AS partner_id,
           count(b.id) AS bets,
           coalesce(sum(b.stake), 0) AS turnover,
           coalesce(sum(l.payout), 0) AS paid_out
      FROM partners p
      JOIN bets b ON b.partner_ref LIKE p.id || ':%'
      LEFT JOIN settlement_ledger l ON l.bet_id = b.id
     WHERE b.placed_at >= :start AND b.placed_at < :end
     GROUP BY p.id
     ORDER BY p.id
    """
)


async def partner_statements(conn, month_start: date, month_end: date) -> list[dict]:
    result = await conn.execute(PARTNER_STATEMENT_SQL, {"start": month_start, "end": month_end})
    return [dict(r._mapping) for r in result]

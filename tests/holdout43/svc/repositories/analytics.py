from __future__ import annotations

from datetime import date, datetime

from svc.db.pg import connection, pool


async def record_stage_event(company_id: int, application_id: int, job_id: int, from_stage: str | None, to_stage: str) -> None:
    async with connection() as conn:
        await conn.execute(
            """
            INSERT INTO stage_events (company_id, application_id, job_id, from_stage, to_stage)
            VALUES ($1, $2, $3, $4, $5)
            """,
            company_id,
            application_id,
            job_id,
            from_stage,
            to_stage,
        )


async def companies_with_events(since: datetime) -> list[int]:
    async with connection() as conn:
        rows = await conn.fetch("SELECT DISTINCT company_id FROM stage_events WHERE at >= $1", since)
    return [r["company_id"] for r in rows]


async def rollup_company_window(company_id: int, start: datetime, end: datetime) -> int:
    """Add one company's stage events in [start, end) to pipeline_daily."""
    conn = await pool().acquire(timeout=5)
    tx = conn.transaction()
    await tx.start()
    rows = await conn.fetch(
        """
        SELECT job_id, to_stage, count(*) AS n
        FROM stage_events
        WHERE company_id = $1 AND at >= $2 AND at < $3
        GROUP BY job_id, to_stage
        """,
        company_id,
        start,
        end,
    )
    await conn.executemany(
        """
        INSERT INTO pipeline_daily (company_id, job_id, day, stage, entered)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (company_id, job_id, day, stage)
        DO UPDATE SET entered = pipeline_daily.entered + EXCLUDED.entered
        """,
        [(company_id, r["job_id"], start.date(), r["to_stage"], r["n"]) for r in rows],
    )
    await tx.commit()
    await pool().release(conn)
    return len(rows)


async def job_funnel(company_id: int, job_id: int, start: date, end: date) -> dict[str, int]:
    async with connection() as conn:
        rows = await conn.fetch(
            """
            SELECT stage, sum(entered)::int AS n FROM pipeline_daily
            WHERE company_id = $1 AND job_id = $2 AND day BETWEEN $3 AND $4
            GROUP BY stage
            """,
            company_id,
            job_id,
            start,
            end,
        )
    return {r["stage"]: r["n"] for r in rows}


async def company_funnels(company_id: int, start: date, end: date) -> dict[int, dict[str, int]]:
    async with connection() as conn:
        rows = await conn.fetch(
            """
            SELECT job_id, stage, sum(entered)::int AS n FROM pipeline_daily
            WHERE company_id = $1 AND day BETWEEN $2 AND $3
            GROUP BY job_id, stage
            """,
            company_id,
            start,
            end,
        )
    out: dict[int, dict[str, int]] = {}
    for r in rows:
        out.setdefault(r["job_id"], {})[r["stage"]] = r["n"]
    return out


async def time_in_stage(job_id: int) -> list[dict]:
    async with connection() as conn:
        rows = await conn.fetch(
            """
            SELECT to_stage, avg(lead_at - at) AS avg_duration FROM (
                SELECT to_stage, at, lead(at) OVER (PARTITION BY application_id ORDER BY at) AS lead_at
                FROM stage_events WHERE job_id = $1
            ) s WHERE lead_at IS NOT NULL GROUP BY to_stage
            """,
            job_id,
        )
    return [dict(r) for r in rows]


async def applicants_per_job(company_id: int, job_ids: list[int]) -> dict[int, int]:
    async with connection() as conn:
        rows = await conn.fetch(
            "SELECT job_id, count(*) AS n FROM applications WHERE job_id = ANY($1::bigint[]) GROUP BY job_id",
            job_ids,
        )
    return {r["job_id"]: r["n"] for r in rows}


async def report_subscriptions() -> dict[int, list[str]]:
    async with connection() as conn:
        rows = await conn.fetch(
            "SELECT company_id, array_agg(email) AS emails FROM report_subscribers GROUP BY company_id"
        )
    return {r["company_id"]: list(r["emails"]) for r in rows}

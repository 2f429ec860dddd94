from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from campus.models import Site


async def list_sites(session: AsyncSession) -> list[Site]:
    result = await session.execute(select(Site).order_by(Site.code))
    return list(result.scalars())


async def dormant_badges(session: AsyncSession, site_id: int) -> list[str]:
    result = await session.execute(
        text("SELECT badge_number FROM badges WHERE site_id = :site AND last_used_at < now() - interval '90 days'"),
        {"site": site_id},
    )
    return [row[0] for row in result]


async def claim_run(session: AsyncSession, name: str, period: str) -> int | None:
    result = await session.execute(
        text("INSERT INTO report_runs (name, period) VALUES (:name, :period) "
             "ON CONFLICT (name, period) DO NOTHING RETURNING id"),
        {"name": name, "period": period},
    )
    await session.commit()
    return result.scalar_one_or_none()

import asyncio
from datetime import date

from campus.repositories import claim_run, dormant_badges, list_sites
from campus.workers import Context


async def send_review(ctx: Context, site_id: int) -> int:
    async with ctx.sessions() as session:
        badges = await dormant_badges(session, site_id)
    await ctx.mail.send(["security@campus.example"], f"Dormant badges at site {site_id}", "<br>".join(badges))
    return len(badges)


async def nightly_review(ctx: Context) -> None:
    async with ctx.sessions() as session:
        sites = await list_sites(session)
    for site in sites:
        await send_review(ctx, site.id)  # expect: worker-coordination


async def weekly_digest(ctx: Context) -> None:
    period = f"{date.today():%G-W%V}"
    async with ctx.sessions() as session:
        if await claim_run(session, "digest", period) is None:
            return  # another copy sends this week's digest
    await ctx.mail.send(["security@campus.example"], f"Weekly digest {period}", "<p>see dashboard</p>")


async def run(ctx: Context) -> None:
    while True:
        await asyncio.sleep(24 * 3600)
        await nightly_review(ctx)
        if date.today().weekday() == 0:
            await weekly_digest(ctx)


async def run_digest_only(ctx: Context) -> None:
    while True:
        await asyncio.sleep(7 * 24 * 3600)
        await weekly_digest(ctx)

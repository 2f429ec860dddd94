"""Render workers (several replicas) taking the next queued job."""
import asyncio

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from jobs.models import JobState, RenderJob

engine = create_async_engine("postgresql+asyncpg://localhost/render")
Sessions = async_sessionmaker(engine)


async def render(job_id: int) -> None:
    await asyncio.sleep(1)


async def take_next(worker: str) -> int | None:
    async with Sessions() as session:
        job = await session.scalar(select(RenderJob).where(RenderJob.state == JobState.QUEUED).limit(1))  # expect: race-condition
        if job is None:
            return None
        await session.execute(
            update(RenderJob).where(RenderJob.id == job.id).values(state=JobState.RUNNING, worker=worker)
        )
        await session.commit()
        return job.id


async def take_next_guarded(worker: str) -> int | None:
    async with Sessions() as session:
        job = await session.scalar(select(RenderJob).where(RenderJob.state == JobState.QUEUED).limit(1))
        if job is None:
            return None
        moved = await session.execute(
            update(RenderJob).where(RenderJob.id == job.id, RenderJob.state == JobState.QUEUED)
            .values(state=JobState.RUNNING, worker=worker)
        )
        await session.commit()
        return job.id if moved.rowcount else None


async def cancel_oldest() -> None:
    async with Sessions() as session:
        job = await session.scalar(select(RenderJob).where(RenderJob.cancelled_at.is_(None)).order_by(RenderJob.id))
        if job is not None:
            await session.execute(update(RenderJob).where(RenderJob.id == job.id).values(cancelled_at=func.now()))
            await session.commit()


async def run(worker: str) -> None:
    while True:
        await cancel_oldest()
        job_id = await take_next(worker) or await take_next_guarded(worker)
        if job_id is not None:
            await render(job_id)


async def main() -> None:
    await asyncio.gather(*(asyncio.create_task(run(f"w{i}")) for i in range(4)))


if __name__ == "__main__":
    asyncio.run(main())

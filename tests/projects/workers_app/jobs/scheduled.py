from apscheduler.schedulers.asyncio import AsyncIOScheduler
from celery import Celery

celery_app = Celery("jobs", broker="redis://cache:6379/1")
scheduler = AsyncIOScheduler()


@celery_app.task
def rebuild_index() -> None:
    return None


async def nightly_report() -> None:
    return None


scheduler.add_job(nightly_report, "cron", hour=2)


class WorkerSettings:
    functions = [nightly_report]
    redis_settings = None

"""SAQ jobs: listed on a litestar-saq queue config and on a plain saq worker; one look-alike."""
from litestar_saq import CronJob, QueueConfig
from saq import Queue, Worker


async def cleanup(ctx) -> None:
    return None


async def refresh(ctx) -> None:
    return None


async def nightly(ctx) -> None:
    return None


def not_a_job() -> None:
    return None


def queue_config() -> QueueConfig:
    return QueueConfig(name="bg", tasks=[cleanup], scheduled_tasks=[CronJob(function=cleanup, cron="0 * * * *")])


def make_worker(queue: Queue) -> Worker:
    return Worker(queue, functions=[refresh], cron_jobs=[CronJob(nightly, cron="0 3 * * *")])


HELPERS = dict(tasks=[not_a_job])  # a dict with a `tasks` key: no queue

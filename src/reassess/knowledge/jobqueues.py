"""Job queues configured by a constructor call that lists the job functions.

SAQ (Simple Async Queue) runs the async functions a `saq.Worker(queue, functions=[...],
cron_jobs=[CronJob(fn, cron="...")])` is given, on the worker's own event loop; the `saq` CLI and
litestar-saq build that worker from settings: litestar-saq's `QueueConfig(tasks=[...],
scheduled_tasks=[CronJob(function=fn, cron=...)])` registers `tasks` and schedules each cron job's
function. Every listed function is a job the worker process runs, whoever enqueues it.
"""
from __future__ import annotations

# constructor -> (keyword, position or -1) of each argument that lists job functions or cron jobs
JOB_LISTS: dict[str, tuple[tuple[str, int], ...]] = {
    "saq.Worker": (("functions", 1), ("cron_jobs", -1)),
    "saq.worker.Worker": (("functions", 1), ("cron_jobs", -1)),
    "litestar_saq.QueueConfig": (("tasks", -1), ("scheduled_tasks", -1)),
    "litestar_saq.config.QueueConfig": (("tasks", -1), ("scheduled_tasks", -1)),
}
# a cron job wraps the function (first argument or `function=`) with its schedule
CRON_JOBS = frozenset({"saq.CronJob", "saq.job.CronJob", "litestar_saq.CronJob", "litestar_saq.config.CronJob"})
CRON_FUNCTION = ("function", 0)
# the framework name entries carry
JOB_LIST_FRAMEWORK = {"saq": "saq", "litestar_saq": "saq"}

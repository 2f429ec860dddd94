"""Schedules the periodic jobs."""
from app import jobs


def schedule(add_job) -> None:
    # `jobs.cleanup` is the actor re-exported by app/jobs/__init__.py, not the submodule
    add_job(jobs.cleanup.send, "0 0 * * *")
    # `jobs.heartbeat` is still the submodule, and it defines no `send`
    add_job(jobs.heartbeat.send, "0 * * * *")  # expect: undefined-name

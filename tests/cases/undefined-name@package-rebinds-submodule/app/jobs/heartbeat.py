from app.jobs.queue import actor


def _heartbeat() -> None:
    """Report liveness."""


heartbeat_actor = actor(_heartbeat)

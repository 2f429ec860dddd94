from app.jobs.queue import actor


def _cleanup() -> None:
    """Delete expired sessions."""


cleanup = actor(_cleanup)

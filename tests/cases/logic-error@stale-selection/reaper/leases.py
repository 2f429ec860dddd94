import time
from datetime import datetime, timedelta, timezone


def stale_runner_ids(runners: list, timeout_s: int) -> list[int]:
    now = datetime.now(timezone.utc)
    cutoff = now - timedelta(seconds=timeout_s * 2)
    stale = [r.id for r in runners if r.last_seen is not None and r.last_seen > cutoff]  # expect: logic-error
    return stale


def dead_workers(beats: dict[str, float], ttl: float) -> list[str]:
    dead = []
    for name, beat in beats.items():
        if time.time() - beat < ttl:  # expect: logic-error
            dead.append(name)
    return dead


def idle_ids(sessions: list[dict], idle_s: int) -> set[str]:
    """Look-alike: older than the cutoff, the right way round."""
    cutoff = time.monotonic() - idle_s
    idle = {s["id"] for s in sessions if s["touched"] < cutoff}
    return idle


def live_runner_ids(runners: list, timeout_s: int) -> list[int]:
    """Look-alike: recent items selected under a name that says so."""
    cutoff = datetime.now(timezone.utc) - timedelta(seconds=timeout_s)
    live = [r.id for r in runners if r.last_seen > cutoff]
    return live


def stale_by_age(beats: dict[str, float], ttl: float) -> list[str]:
    """Look-alike: the age is above the limit."""
    now = time.time()
    stale = [name for name, beat in beats.items() if now - beat > ttl]
    return stale

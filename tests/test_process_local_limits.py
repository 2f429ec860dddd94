"""In-process rate limits (RA502): where the per-process limiter instance is shown."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

CASES = Path(__file__).parent / "cases"


def test_a_limiter_kept_on_app_state_at_startup_is_shown_beside_the_counter() -> None:
    """`app.state.limiter = MemoryLimiter(...)` in the lifespan is the one instance per process: named as a
    related location, while the finding stays at the counter (as for a build at import); the Redis-backed
    limiter built beside it is not reported."""
    result = assess(CASES / "horizontal-scaling-blocker@shared-state")
    limits = [f for f in result.findings if f.category == "horizontal-scaling-blocker" and "rate limit" in f.title]
    assert [(f.location.path, f.location.start_line) for f in limits] == [("feed/limits.py", 13)]
    related = {(r.path, r.start_line) for r in limits[0].related_locations}
    assert ("feed/main.py", 20) in related
    assert ("feed/main.py", 21) not in related

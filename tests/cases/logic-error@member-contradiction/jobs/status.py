import enum


class Stage(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"


def finish_time(status: str, now: float) -> float | None:
    if status in ("queued", "running") and status == "done":  # expect: logic-error
        return now
    # look-alike: the value tested against a member of the collection
    if status in ("queued", "running") and status == "running":
        return now
    return None


def needs_attention(stage: Stage, other: Stage) -> bool:
    if stage not in (Stage.QUEUED, Stage.RUNNING) or stage != Stage.DONE:  # expect: logic-error
        return True
    # look-alikes: two subjects; a member that is not a constant; overlapping collections
    return (stage in (Stage.QUEUED,) and other == Stage.DONE) or stage in (Stage.DONE, other) and stage == Stage.QUEUED \
        or (stage in (Stage.QUEUED, Stage.RUNNING) and stage in [Stage.RUNNING, Stage.DONE])

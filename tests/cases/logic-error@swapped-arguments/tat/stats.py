from tat.timeutil import later, minutes_between


def turnaround(report, study) -> int:
    return minutes_between(report.signed_at, study.received_at)  # expect: logic-error


def backfill(reports, studies) -> list[int]:
    return [minutes_between(studies[r.study_id].received_at, r.signed_at) for r in reports]


def one(report, study) -> int:
    return minutes_between(study.received_at, report.signed_at)


def last_touch(report, study):
    return later(report.signed_at, study.received_at)


def last_touch_again(report, study):
    return later(study.received_at, report.signed_at)


def last_touch_third(report, study):
    return later(study.received_at, report.signed_at)


def queue_age(row, now) -> int:
    return minutes_between(row.queued_at, now)

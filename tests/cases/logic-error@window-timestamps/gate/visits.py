from datetime import date, time


def visit_status(visit, actual: date) -> str:
    if actual < visit.window_start and actual > visit.window_end:  # expect: logic-error
        return "out_of_window"
    return "completed"


def visit_status_right(visit, actual: date) -> str:
    if actual < visit.window_start or actual > visit.window_end:
        return "out_of_window"
    return "completed"


def in_quiet_period(settings, now_time: time) -> bool:
    # a time of day: the window may wrap past midnight, so outside it is between the ends
    return not (now_time < settings.quiet_start and now_time > settings.quiet_end)


def untyped(visit, actual) -> bool:
    return actual < visit.window_start and actual > visit.window_end

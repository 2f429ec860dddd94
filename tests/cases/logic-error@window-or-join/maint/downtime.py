from datetime import datetime, time


def counted_failures(failures: list[dict], windows: list[dict]) -> int:
    counted = 0
    for failure in failures:
        checked_at = failure["checked_at"]
        in_window = any(
            checked_at >= w["starts_at"] or checked_at < w["ends_at"] for w in windows  # expect: logic-error
        )
        if not in_window:
            counted += 1
    return counted


def in_maintenance(window, now: datetime) -> bool:
    return now >= window.starts_at and now < window.ends_at


def outside_maintenance(window, now: datetime) -> bool:
    return now < window.starts_at or now >= window.ends_at


def in_quiet_hours(settings, now_time: time) -> bool:
    # a time of day: 22:00-07:00 wraps past midnight, so `or` is right here
    return now_time >= settings.quiet_start or now_time < settings.quiet_end


def within_band(band, pay: int) -> bool:
    return pay >= band.pay_min or pay <= band.pay_max  # expect: logic-error

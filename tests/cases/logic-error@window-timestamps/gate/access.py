from datetime import datetime, timezone


class OutsideWindow(Exception):
    pass


def check_entry(event: dict, now: datetime) -> None:
    if now < event["gates_open"] and now > event["closes_at"]:  # expect: logic-error
        raise OutsideWindow(event["id"])


def check_voucher(voucher, at: datetime) -> bool:
    if at > voucher.expires_at and at < voucher.valid_from:  # expect: logic-error
        return False
    return True


def check_entry_right(event: dict, now: datetime) -> None:
    if now < event["gates_open"] or now > event["closes_at"]:
        raise OutsideWindow(event["id"])


def in_quiet_hours(settings, now_time) -> bool:
    # a time-of-day window that wraps past midnight (22:00-07:00): outside it is between the ends
    return not (now_time < settings.quiet_start and now_time > settings.quiet_end)


def other_records(sale, promo, now: datetime) -> bool:
    return now < sale.starts_at and now > promo.ends_at

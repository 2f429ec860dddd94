from fares.settings import Settings, get_settings


class Pricing:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def billable(self, minutes: int) -> int:
        minutes = max(minutes, self._settings.max_billable_minutes)  # expect: logic-error
        return minutes

    def billable_right(self, minutes: int) -> int:
        return min(minutes, self._settings.max_billable_minutes)

    def fare(self, cents: int) -> int:
        return max(cents, self._settings.min_fare_cents)

    def attempts(self) -> int:
        return max(1, self._settings.max_retries)


def page_size(requested: int) -> int:
    s = get_settings()
    return max(requested, s.max_page_size)  # expect: logic-error


def page_size_right(requested: int) -> int:
    s = get_settings()
    return max(1, min(requested, s.max_page_size))


def longest(rows: list) -> int:
    best = 0
    for row in rows:
        best = max(best, row.max_minutes)
    return best

from operator import attrgetter, itemgetter


def latest_minimum(series: list[dict]) -> float:
    newest = sorted(series, key=lambda r: r["hour"])[0]  # expect: logic-error
    return newest["temp_min"]


def first_seen(devices: list) -> str:
    oldest = sorted(devices, key=attrgetter("seen_at"), reverse=True)[0]  # expect: logic-error
    return oldest.name


def current(series: list[dict]) -> dict:
    latest = sorted(series, key=itemgetter("recorded_at"))[-1]
    return latest


def newest_first(series: list[dict]) -> dict:
    newest = sorted(series, key=lambda r: r["hour"], reverse=True)[0]
    return newest


def youngest_file(files: list) -> str:
    newest = sorted(files, key=lambda f: f.age)[0]
    return newest.path


def top(scores: list[dict]) -> dict:
    latest = sorted(scores, key=lambda r: -r["ts"])[0]
    return latest


def earliest(series: list[dict]) -> dict:
    earliest_row = sorted(series, key=lambda r: r["created_at"])[0]
    return earliest_row

from __future__ import annotations


class Scheduler:
    def __init__(self, interval: float) -> None:
        self.interval = interval


def every(seconds: float) -> Scheduler:
    return Scheduler(seconds)

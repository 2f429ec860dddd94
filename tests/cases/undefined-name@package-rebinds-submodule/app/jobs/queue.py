"""A minimal actor wrapper: `send` enqueues the job."""
from typing import Any, Callable


class Actor:
    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self.queued: list[tuple] = []

    def send(self, *args: Any) -> None:
        self.queued.append(args)


def actor(fn: Callable[..., Any]) -> Actor:
    return Actor(fn)

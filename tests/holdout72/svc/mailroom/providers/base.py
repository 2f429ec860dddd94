from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol


@dataclass(frozen=True)
class OutboundEmail:
    message_id: int
    to: str
    from_addr: str
    subject: str
    html: str
    text: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SendResult:
    status: str  # "accepted" | "rejected" | "throttled"
    provider_message_id: str | None = None
    detail: str | None = None


class ProviderError(Exception):
    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


class EmailProvider(Protocol):
    name: str

    async def send(self, email: OutboundEmail) -> SendResult: ...

    async def aclose(self) -> None: ...


class State(Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0):
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self.state = State.CLOSED
        self.failures = 0
        self.opened_at = 0.0

    def before_call(self):
        if self.state is State.OPEN:
            if time.monotonic() - self.opened_at >= self.reset_after:
                self.state = State.HALF_OPEN
            else:
                raise CircuitOpen(self.name)

    def record_success(self):
        self.failures = 0
        self.state = State.CLOSED

    def record_failure(self):
        self.failures += 1
        if self.state is State.HALF_OPEN or self.failures >= self.failure_threshold:
            self.state = State.OPEN
            self.opened_at = time.monotonic()

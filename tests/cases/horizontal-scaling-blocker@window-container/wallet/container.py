"""Everything the app builds once at startup."""
from dataclasses import dataclass

from wallet.velocity import BidPacer, LatencyLog, VelocityGuard


@dataclass
class Services:
    guard: VelocityGuard
    pacer: BidPacer
    latency: LatencyLog


def build_services(max_per_window: int) -> Services:
    return Services(guard=VelocityGuard(max_per_window), pacer=BidPacer(), latency=LatencyLog())

"""Per-tenant upload throttle."""
import time


class Allowance:
    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.level = burst
        self.stamp = time.monotonic()

    def spend(self) -> bool:
        now = time.monotonic()
        self.level = min(self.burst, self.level + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.level < 1:
            return False
        self.level -= 1
        return True


class TenantThrottle:
    def __init__(self, per_second: float) -> None:
        self._per_second = per_second
        self._allowances: dict[str, Allowance] = {}  # expect: horizontal-scaling-blocker

    def permit(self, tenant: str) -> bool:
        allowance = self._allowances.get(tenant)
        if allowance is None:
            allowance = Allowance(self._per_second, self._per_second * 5)
            self._allowances[tenant] = allowance
        return allowance.spend()


class FreshnessTracker:
    """When each tenant's quota was last synced: a stale entry only triggers a refresh."""

    def __init__(self) -> None:
        self._synced: dict[str, Allowance] = {}

    def is_fresh(self, tenant: str) -> bool:
        entry = self._synced.get(tenant)
        if entry is None:
            entry = Allowance(1.0, 1.0)
            self._synced[tenant] = entry
        return entry.spend()

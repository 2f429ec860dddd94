"""Site load balancing: share a site's grid capacity between the connectors that are charging."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class ConnectorLoad:
    chargepoint_id: str
    connector_no: int
    transaction_id: int
    max_kw: float
    priority: int = 0


@dataclass
class SiteState:
    site_id: int
    limit_kw: float
    loads: dict[int, ConnectorLoad] = field(default_factory=dict)
    reserved_kw: dict[int, float] = field(default_factory=dict)
    budget_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    sessions_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class LoadBalancer:
    STEP_KW = 0.5
    MIN_KW = 1.4

    def allocate(self, limit_kw: float, loads: list[ConnectorLoad]) -> dict[int, float]:
        """Water-filling: repeatedly give one step to the connector with the smallest allocation."""
        allocation = {load.transaction_id: 0.0 for load in loads}
        remaining = limit_kw
        pending = [load for load in loads if load.max_kw > 0]
        while remaining >= self.STEP_KW and pending:
            pending.sort(key=lambda load: (allocation[load.transaction_id], -load.priority))
            target = pending[0]
            step = min(self.STEP_KW, target.max_kw - allocation[target.transaction_id], remaining)
            allocation[target.transaction_id] += step
            remaining -= step
            if allocation[target.transaction_id] >= target.max_kw:
                pending.remove(target)
        return {tx: (kw if kw >= self.MIN_KW else 0.0) for tx, kw in allocation.items()}

    async def rebalance(self, site: SiteState, limit_kw: float) -> dict[int, float]:
        async with site.budget_lock:
            async with site.sessions_lock:
                loads = list(site.loads.values())
            allocation = self.allocate(limit_kw, loads)
            site.reserved_kw = allocation
            site.limit_kw = limit_kw
        return allocation

    async def release_budget(self, site: SiteState, transaction_id: int) -> None:
        async with site.budget_lock:
            site.reserved_kw.pop(transaction_id, None)

    def unused_kw(self, site: SiteState) -> float:
        return max(site.limit_kw - sum(site.reserved_kw.values()), 0.0)


def build_tx_profile(transaction_id: int, limit_kw: float) -> dict[str, object]:
    """OCPP 1.6 TxProfile limiting the transaction to ``limit_kw`` (3-phase, 230 V)."""
    amps = round(limit_kw * 1000 / (3 * 230), 1)
    return {
        "chargingProfileId": transaction_id,
        "transactionId": transaction_id,
        "stackLevel": 1,
        "chargingProfilePurpose": "TxProfile",
        "chargingProfileKind": "Absolute",
        "chargingSchedule": {
            "chargingRateUnit": "A",
            "chargingSchedulePeriod": [{"startPeriod": 0, "limit": amps, "numberPhases": 3}],
        },
    }

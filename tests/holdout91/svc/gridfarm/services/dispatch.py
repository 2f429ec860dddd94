from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence

import requests

from ..db.models import Technician, WorkOrder

log = logging.getLogger(__name__)


def pick_least_loaded(technicians: Sequence[Technician], open_orders: Sequence[WorkOrder]) -> Technician | None:
    best: Technician | None = None
    best_load = None
    for tech in technicians:
        load = sum(1 for order in open_orders if order.technician_id == tech.id)
        if best_load is None or load < best_load:
            best, best_load = tech, load
    return best


def pick_by_skill(technicians: Sequence[Technician], open_orders: Sequence[WorkOrder], skill: str) -> Technician | None:
    loads = Counter(o.technician_id for o in open_orders if o.technician_id is not None)
    skilled = [t for t in technicians if skill in (t.skills or [])]
    return min(skilled, key=lambda t: loads[t.id], default=None)


def sms_body(order: WorkOrder, site_code: str) -> str:
    return f"WO-{order.id} {site_code}: {order.title} ({order.priority})"


def notify_or_flag(send, phone: str, order: WorkOrder, site_code: str) -> bool:
    try:
        send(phone, sms_body(order, site_code))
    except requests.RequestException:
        order.status = "unnotified"
        return False
    return True

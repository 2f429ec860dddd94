from __future__ import annotations

import logging
from datetime import timedelta

from telco.clients.porting_clearinghouse import PortOrder
from telco.container import Container
from telco.repositories.porting import PortingRepository
from telco.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

# answer port-out requests ourselves well before the clearinghouse auto-accepts them
SAFETY_MARGIN = timedelta(minutes=20)


async def answer_due_port_outs(container: Container) -> int:
    async with container.session_factory() as session:
        due = await PortingRepository(session).pending_due_before(utcnow() + SAFETY_MARGIN)
    answered = 0
    for request in due:
        if request.direction != "out":
            continue
        order = PortOrder(
            reference=request.reference, msisdn=request.msisdn, donor=request.donor,
            recipient=request.recipient, deadline_at=request.deadline_at,
        )
        await container.porting.handle_port_out(order)
        answered += 1
    if answered:
        logger.info("answered %d port-out requests near deadline", answered)
    return answered

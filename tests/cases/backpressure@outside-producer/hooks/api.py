from typing import Any

from fastapi import APIRouter, Depends, Request

from hooks.workers import AuditTrail, DeliveryEventConsumer, RefundEventConsumer

router = APIRouter()


def delivery_consumer(request: Request) -> DeliveryEventConsumer:
    return request.app.state.delivery_consumer


def refund_consumer(request: Request) -> RefundEventConsumer:
    return request.app.state.refund_consumer


def audit_trail(request: Request) -> AuditTrail:
    return request.app.state.audit


@router.post("/hooks/delivery", status_code=202)
async def delivery_hook(event: dict[str, Any], consumer: DeliveryEventConsumer = Depends(delivery_consumer)) -> None:
    await consumer.queue.put(event)


@router.post("/hooks/refund", status_code=202)
async def refund_hook(event: dict[str, Any], consumer: RefundEventConsumer = Depends(refund_consumer)) -> None:
    await consumer.queue.put(event)


@router.get("/hooks/audit/backlog")
async def audit_backlog(audit: AuditTrail = Depends(audit_trail)) -> dict[str, int]:
    return {"backlog": audit.backlog()}

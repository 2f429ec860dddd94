"""Manifests: rows loaded by a caller and rendered by a helper that takes them as a parameter."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from starlette.concurrency import run_in_threadpool

from depot.models import Shipment


def _render_lines(shipments: list[Shipment]) -> list[str]:
    lines = []
    for shipment in shipments:
        lines.append(f"{shipment.id};{shipment.carrier.code};{shipment.weight}")
    return lines


def _render_labels(shipments: list[Shipment]) -> list[str]:
    labels = []
    for shipment in shipments:
        labels.append(shipment.carrier.code)  # expect: n-plus-one
    return labels


def _load_with_carriers(session: Session, depot_id: int) -> list[Shipment]:
    stmt = select(Shipment).where(Shipment.id > depot_id).options(joinedload(Shipment.carrier))
    return list(session.scalars(stmt))


def _load_bare(session: Session, depot_id: int) -> list[Shipment]:
    return list(session.scalars(select(Shipment).where(Shipment.id > depot_id)))


async def manifest_csv(session: Session, depot_id: int) -> str:
    shipments = _load_with_carriers(session, depot_id)
    lines = await run_in_threadpool(_render_lines, shipments)
    return "\n".join(lines)


def labels(session: Session, depot_id: int) -> list[str]:
    return _render_labels(_load_bare(session, depot_id))

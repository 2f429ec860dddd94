"""HTTP routers. The dependencies below resolve services from application state."""
from __future__ import annotations

from fastapi import Request

from ..services.accession_service import AccessionService
from ..services.autoverify import AutoVerifier
from ..services.critical_alerts import CriticalAlertService
from ..services.delivery import DeliveryService
from ..services.ingestion import IngestionService
from ..services.review_queue import ReviewService


def accession_service(request: Request) -> AccessionService:
    return request.app.state.accession_service


def ingestion_service(request: Request) -> IngestionService:
    return request.app.state.ingestion_service


def review_service(request: Request) -> ReviewService:
    return request.app.state.review_service


def delivery_service(request: Request) -> DeliveryService:
    return request.app.state.delivery_service


def autoverifier(request: Request) -> AutoVerifier:
    return request.app.state.autoverifier


def critical_service(request: Request) -> CriticalAlertService:
    return request.app.state.critical_service

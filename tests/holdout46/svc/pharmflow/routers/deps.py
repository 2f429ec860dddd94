from __future__ import annotations

from fastapi import Request

from ..clients.pbm import PBMClient
from ..clients.registry import RegistryClient
from ..ws.hub import PharmacyHub, TrackingHub


def pbm(request: Request) -> PBMClient:
    return request.app.state.pbm


def registry(request: Request) -> RegistryClient:
    return request.app.state.registry


def tracking_hub(request: Request) -> TrackingHub:
    return request.app.state.tracking_hub


def pharmacy_hub(request: Request) -> PharmacyHub:
    return request.app.state.pharmacy_hub

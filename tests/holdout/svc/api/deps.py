from __future__ import annotations

from fastapi import Request

from svc.services.carrier_gateway import CarrierGateway
from svc.services.dispatch import DispatchBoard
from svc.services.geocoding import Geocoder
from svc.services.notifications import Notifier
from svc.services.pickups import PickupScheduler
from svc.services.pricing import PricingService


def get_gateway(request: Request) -> CarrierGateway:
    return request.app.state.gateway


def get_geocoder(request: Request) -> Geocoder:
    return request.app.state.geocoder


def get_pricing(request: Request) -> PricingService:
    return request.app.state.pricing


def get_notifier(request: Request) -> Notifier:
    return request.app.state.notifier


def get_pickups(request: Request) -> PickupScheduler:
    return request.app.state.pickups


def get_dispatch(request: Request) -> DispatchBoard:
    return request.app.state.dispatch

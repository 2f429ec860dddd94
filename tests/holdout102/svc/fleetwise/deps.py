from __future__ import annotations

from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.db.engine import get_session
from fleetwise.db.models import Vessel
from fleetwise.repositories.positions import PositionRepository
from fleetwise.repositories.vessels import VesselRepository
from fleetwise.services.audit import AuditLog
from fleetwise.services.bunkers import BunkerService
from fleetwise.services.crew import CrewService
from fleetwise.services.emissions import EmissionsService
from fleetwise.services.laytime import LaytimeService
from fleetwise.services.noon_reports import NoonReportService
from fleetwise.services.portcalls import PortCallService
from fleetwise.services.positions import PositionService
from fleetwise.services.suppliers import SupplierService
from fleetwise.services.voyages import VoyageService
from fleetwise.settings import get_settings
from fleetwise.utils.security import decode_ops_token, gateway_key_matches


async def gateway_vessel(
    x_vessel_imo: str = Header(...),
    x_gateway_key: str = Header(...),
    session: AsyncSession = Depends(get_session),
) -> Vessel:
    vessel = await VesselRepository(session).get_by_imo(x_vessel_imo)
    if vessel is None or not vessel.gateway_key_hash:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown gateway")
    if not gateway_key_matches(x_gateway_key, vessel.gateway_key_hash):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad gateway key")
    return vessel


async def ops_user(authorization: str = Header(...)) -> dict:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bearer token required")
    try:
        return decode_ops_token(token)
    except Exception as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


def position_service(request: Request) -> PositionService:
    state = request.app.state
    return PositionService(PositionRepository(state.pg), state.redis, state.publisher)


def noon_report_service(session: AsyncSession = Depends(get_session)) -> NoonReportService:
    return NoonReportService(session, get_settings().upload_dir)


def voyage_service(request: Request, session: AsyncSession = Depends(get_session)) -> VoyageService:
    state = request.app.state
    return VoyageService(session, state.routing, state.weather, state.route_cache)


def bunker_service(request: Request, session: AsyncSession = Depends(get_session)) -> BunkerService:
    state = request.app.state
    return BunkerService(session, state.redis, get_settings().supplier_quote_urls, state.locks)


def supplier_service(request: Request, session: AsyncSession = Depends(get_session)) -> SupplierService:
    return SupplierService(session, request.app.state.locks)


def portcall_service(request: Request, session: AsyncSession = Depends(get_session)) -> PortCallService:
    return PortCallService(session, request.app.state.agents, request.app.state.locks)


def laytime_service(request: Request, session: AsyncSession = Depends(get_session)) -> LaytimeService:
    return LaytimeService(session, request.app.state.process_pool)


def crew_service(request: Request, session: AsyncSession = Depends(get_session)) -> CrewService:
    return CrewService(session, AuditLog(request.app.state.redis))


def emissions_service(request: Request, session: AsyncSession = Depends(get_session)) -> EmissionsService:
    state = request.app.state
    return EmissionsService(session, PositionRepository(state.pg), state.regulator)

from __future__ import annotations

from fastapi import Depends, HTTPException, Request, WebSocket, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from svc.container import Container
from svc.errors import AuthError
from svc.security import AuthUser, decode_access_token
from svc.services.accounts import AccountService
from svc.services.compliance import CardService, KycService
from svc.services.transfers import TransferService

bearer = HTTPBearer(auto_error=True)


def get_container(request: Request) -> Container:
    return request.app.state.container


def ws_container(websocket: WebSocket) -> Container:
    return websocket.app.state.container


async def current_user(
    credentials: HTTPAuthorizationCredentials = Depends(bearer),
    container: Container = Depends(get_container),
) -> AuthUser:
    try:
        return decode_access_token(credentials.credentials, container.settings.jwt_secret, container.settings.jwt_audience)
    except AuthError as exc:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail=exc.message) from exc


async def require_admin(user: AuthUser = Depends(current_user)) -> AuthUser:
    if not user.is_admin:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="admin only")
    return user


def account_service(container: Container = Depends(get_container)) -> AccountService:
    return container.accounts


def transfer_service(container: Container = Depends(get_container)) -> TransferService:
    return container.transfers


def kyc_service(container: Container = Depends(get_container)) -> KycService:
    return container.kyc


def card_service(container: Container = Depends(get_container)) -> CardService:
    return container.cards

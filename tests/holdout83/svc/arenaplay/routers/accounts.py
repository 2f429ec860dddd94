from __future__ import annotations

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from arenaplay.dependencies import account_service, current_player_id
from arenaplay.errors import NotFoundError
from arenaplay.schemas import LoginIn, PlayerOut, RegisterIn, SteamLoginIn, TokenOut
from arenaplay.services.accounts import AccountService

router = APIRouter(prefix="/accounts", tags=["accounts"])

_avatar_cache: dict[int, bytes] = {}


@router.post("/register", response_model=TokenOut, status_code=201)
async def register(body: RegisterIn, request: Request, svc: AccountService = Depends(account_service)) -> TokenOut:
    region = request.headers.get("x-edge-region", "eu")
    return await svc.register(body, region)


@router.post("/login", response_model=TokenOut)
async def login(body: LoginIn, svc: AccountService = Depends(account_service)) -> TokenOut:
    return await svc.login(body)


@router.post("/steam", response_model=TokenOut)
async def steam_login(body: SteamLoginIn, request: Request, svc: AccountService = Depends(account_service)) -> TokenOut:
    return await svc.steam_login(body.ticket, request.headers.get("x-edge-region", "eu"))


@router.get("/me", response_model=PlayerOut)
async def me(player_id: int = Depends(current_player_id), svc: AccountService = Depends(account_service)) -> PlayerOut:
    return await svc.profile(player_id)


@router.patch("/me/region", response_model=PlayerOut)
async def set_region(region: str, player_id: int = Depends(current_player_id),
                     svc: AccountService = Depends(account_service)) -> PlayerOut:
    return await svc.update_region(player_id, region)


@router.get("/search", response_model=list[PlayerOut])
async def search(q: str, anywhere: bool = False, svc: AccountService = Depends(account_service)) -> list[PlayerOut]:
    return await svc.search(q, anywhere=anywhere)


@router.get("/{player_id}/avatar")
async def avatar(player_id: int, request: Request, svc: AccountService = Depends(account_service)) -> Response:
    if player_id not in _avatar_cache:
        players = svc._players
        player = await players.get_by_id(player_id)
        if player is None or not player.avatar_url:
            raise NotFoundError("avatar")
        http: httpx.AsyncClient = request.app.state.http
        resp = await http.get(player.avatar_url)
        resp.raise_for_status()
        _avatar_cache[player_id] = resp.content
    return Response(_avatar_cache[player_id], media_type="image/jpeg")

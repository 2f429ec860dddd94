"""Webhook endpoints: a token check answered with the 4xx it means, and a sender that logs the
failure with its traceback before raising its own error."""
from __future__ import annotations

import logging

import httpx
import jwt
from fastapi import APIRouter, HTTPException, status

logger = logging.getLogger(__name__)
router = APIRouter()


class SendError(Exception):
    pass


@router.get("/hooks/{hook_id}/secret")
async def hook_secret(hook_id: str, token: str) -> dict:
    try:
        claims = jwt.decode(token, "secret", algorithms=["HS256"])
    except jwt.InvalidTokenError:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED)
    return {"hook": hook_id, "owner": claims["sub"]}


@router.post("/hooks/{hook_id}/render")
async def render(hook_id: str, template: str) -> dict:
    try:
        return {"body": template.format(hook=hook_id)}
    except AttributeError as exc:
        raise HTTPException(status_code=422, detail=str(exc))  # expect: exception-without-cause


class HookTaken(Exception):
    pass


async def claim_hook(hook_id: str) -> dict:
    raise HookTaken(f"hook {hook_id} is taken")


@router.post("/hooks/{hook_id}/claim")
async def claim(hook_id: str) -> dict:
    try:
        return await claim_hook(hook_id)
    except HookTaken as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc))  # expect: exception-without-cause


async def deliver(client: httpx.AsyncClient, url: str, payload: dict) -> None:
    try:
        response = await client.post(url, json=payload)
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        logger.error("delivery to %s failed: %s", url, exc.response.status_code, exc_info=True)
        raise SendError(f"delivery to {url} failed")
    except httpx.TimeoutException:
        logger.error("delivery to %s timed out", url)
        raise SendError(f"delivery to {url} timed out")  # expect: exception-without-cause


async def deliver_twice(client: httpx.AsyncClient, url: str, payload: dict) -> None:
    try:
        await client.post(url, json=payload)
    except httpx.HTTPError:
        try:
            await client.post(url, json=payload)
        except httpx.HTTPError:
            logger.warning("second delivery to %s failed", url, exc_info=True)
        raise SendError(f"delivery to {url} failed")  # expect: exception-without-cause

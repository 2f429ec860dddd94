"""Runs snippets in a remote sandbox; every failure reaches callers as ValueError."""
import asyncio

import httpx

SANDBOX_URL = "http://sandbox.internal:8080"


async def _execute(code: str) -> dict:
    async with httpx.AsyncClient(timeout=20.0) as client:
        response = await client.post(f"{SANDBOX_URL}/run", json={"code": code})
        response.raise_for_status()
        return dict(response.json())


async def run_snippet(code: str) -> dict:
    try:
        return await _execute(code)
    except asyncio.TimeoutError as exc:
        raise ValueError(f"snippet timed out: {exc}")
    except Exception as exc:
        raise ValueError(f"snippet failed: {exc}")


async def _render(source: str) -> str:
    async with httpx.AsyncClient(timeout=20.0) as client:
        response = await client.post("http://renderer.internal/render", json={"source": source})
        response.raise_for_status()
        return response.text


async def render_chart(source: str) -> str:
    try:
        return await _render(source)  # expect: no-fallback
    except httpx.HTTPError as exc:
        raise ValueError(f"render failed: {exc}")

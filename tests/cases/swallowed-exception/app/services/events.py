"""Publishing order events and reading small settings files."""
from __future__ import annotations

import asyncio
import json
import logging

import redis

logger = logging.getLogger(__name__)


async def publish(client, channel: str, payload: dict) -> None:
    try:
        await client.publish(channel, json.dumps(payload))
    except Exception:  # expect: swallowed-exception
        pass


def warm_cache(client: redis.Redis, keys: list[str]) -> None:
    for key in keys:
        try:
            client.get(key)
        except redis.RedisError:  # expect: swallowed-exception
            continue


def load_settings(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except Exception:  # expect: swallowed-exception
        return {}


def parse_port(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def cached(cache: dict, key: str):
    try:
        return cache[key]
    except KeyError:
        return None


async def stop(task: asyncio.Task) -> None:
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


async def close_quietly(conn) -> None:
    """Best-effort close on shutdown: a failure here changes nothing."""
    try:
        await conn.close()
    except Exception:
        pass


def fetch_profile(session, url: str) -> dict | None:
    try:
        return session.get(url).json()
    except redis.RedisError:
        return None


def collect(jobs) -> list[Exception]:
    errors: list[Exception] = []
    for job in jobs:
        try:
            job()
        except Exception as exc:
            errors.append(exc)
    return errors

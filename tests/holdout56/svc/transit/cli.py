"""Operator command line: migrations and feed smoke checks (run outside the server)."""
from __future__ import annotations

import argparse
import asyncio
import sys

import asyncpg
import requests

from transit.config import get_settings
from transit.db import schema


def check_feeds() -> int:
    settings = get_settings()
    failures = 0
    for feed in settings.feeds:
        headers = {feed.api_key_header: feed.api_key} if feed.api_key_header and feed.api_key else {}
        try:
            response = requests.get(feed.url, headers=headers, timeout=10)
            response.raise_for_status()
            print(f"ok    {feed.operator}/{feed.kind}: {len(response.content)} bytes")
        except requests.RequestException as exc:
            failures += 1
            print(f"FAIL  {feed.operator}/{feed.kind}: {exc}", file=sys.stderr)
    return 1 if failures else 0


async def migrate() -> int:
    settings = get_settings()
    conn = await asyncpg.connect(settings.database_url, timeout=10)
    try:
        await schema.apply(conn)
    finally:
        await conn.close()
    print("realtime schema applied")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="transit")
    parser.add_argument("command", choices=["migrate", "check-feeds"])
    args = parser.parse_args(argv)
    if args.command == "migrate":
        return asyncio.run(migrate())
    return check_feeds()


if __name__ == "__main__":
    raise SystemExit(main())

"""Operator commands: apply the raw-SQL schema and seed zones/bays from a council fixture."""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from . import db, pg
from .models import Bay, Zone
from .repositories.sensor_repo import SCHEMA


def load_zone_fixture(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    zones = data["zones"] if isinstance(data, dict) else data
    for zone in zones:
        if zone.get("kind") not in ("street", "garage"):
            raise SystemExit(f"zone {zone.get('code')!r}: unknown kind {zone.get('kind')!r}")
    return zones


async def _apply_schema() -> None:
    await pg.open_pool()
    try:
        await pg.execute(SCHEMA)
    finally:
        await pg.close_pool()


async def _seed(zones: list[dict[str, Any]]) -> int:
    db.init_engine()
    try:
        async with db.session_factory()() as session, session.begin():
            for z in zones:
                zone = Zone(
                    code=z["code"], name=z["name"], kind=z["kind"], capacity=len(z["bays"]), lat=z["lat"], lon=z["lon"]
                )
                zone.bays = [Bay(code=b["code"], sensor_id=b.get("sensor")) for b in z["bays"]]
                session.add(zone)
        return len(zones)
    finally:
        await db.dispose_engine()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="parkops")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("apply-schema")
    seed = sub.add_parser("seed-zones")
    seed.add_argument("fixture", type=Path)
    args = parser.parse_args(argv)

    if args.command == "apply-schema":
        asyncio.run(_apply_schema())
        print("schema applied")
    elif args.command == "seed-zones":
        zones = load_zone_fixture(args.fixture)
        count = asyncio.run(_seed(zones))
        print(f"seeded {count} zones")
    return 0


if __name__ == "__main__":
    sys.exit(main())

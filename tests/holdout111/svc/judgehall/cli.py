from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import sys
from datetime import datetime, timezone

from sqlalchemy import select

from judgehall.cache.redis import build_redis
from judgehall.db.engine import build_engine, build_session_factory
from judgehall.models import Contest, ContestStatus, Submission, SubmissionStatus, User
from judgehall.security import hash_password
from judgehall.services.scoreboard import ScoreboardService
from judgehall.settings import configure_logging, get_settings

log = logging.getLogger("judgehall.cli")


def _parse_time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO timestamp: {value}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


async def create_admin(handle: str, email: str, password_hash: str) -> int:
    settings = get_settings()
    engine = build_engine(settings)
    try:
        async with build_session_factory(engine)() as session:
            existing = (await session.execute(select(User).where(User.handle == handle))).scalar_one_or_none()
            if existing is not None:
                existing.is_admin = True
                await session.commit()
                return existing.id
            user = User(handle=handle, email=email.lower(), password_hash=password_hash, is_admin=True, is_jury=True)
            session.add(user)
            await session.commit()
            return user.id
    finally:
        await engine.dispose()


async def rebuild_scoreboard(contest_id: int) -> dict:
    settings = get_settings()
    engine = build_engine(settings)
    redis = build_redis(settings)
    try:
        service = ScoreboardService(build_session_factory(engine), redis, settings.scoreboard_cache_ttl)
        await service.invalidate(contest_id)
        return await service.view(contest_id, jury=True, offset=0, limit=20)
    finally:
        await redis.aclose()
        await engine.dispose()


async def requeue_failed(contest_id: int, dry_run: bool) -> int:
    settings = get_settings()
    engine = build_engine(settings)
    try:
        async with build_session_factory(engine)() as session:
            stmt = (
                select(Submission)
                .where(Submission.contest_id == contest_id, Submission.status == SubmissionStatus.FAILED)
                .with_for_update(skip_locked=True)
            )
            failed = list((await session.execute(stmt)).scalars().all())
            if dry_run:
                return len(failed)
            for sub in failed:
                sub.status = SubmissionStatus.QUEUED
                sub.verdict = None
            await session.commit()
            return len(failed)
    finally:
        await engine.dispose()


async def list_contests(status: str | None) -> list[dict]:
    settings = get_settings()
    engine = build_engine(settings)
    try:
        async with build_session_factory(engine)() as session:
            stmt = select(Contest).order_by(Contest.start_at.desc()).limit(50)
            if status:
                stmt = stmt.where(Contest.status == ContestStatus(status))
            return [
                {"id": c.id, "slug": c.slug, "status": c.status.value, "start": c.start_at.isoformat()}
                for c in (await session.execute(stmt)).scalars()
            ]
    finally:
        await engine.dispose()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="judgehall")
    sub = parser.add_subparsers(dest="command", required=True)

    admin = sub.add_parser("create-admin", help="create or promote an administrator")
    admin.add_argument("handle")
    admin.add_argument("email")

    board = sub.add_parser("rebuild-scoreboard", help="drop cached standings and recompute")
    board.add_argument("contest_id", type=int)

    requeue = sub.add_parser("requeue-failed", help="send submissions that failed to dispatch back to the queue")
    requeue.add_argument("contest_id", type=int)
    requeue.add_argument("--dry-run", action="store_true")

    contests = sub.add_parser("contests", help="list recent contests")
    contests.add_argument("--status", choices=[s.value for s in ContestStatus])
    contests.add_argument("--since", type=_parse_time)
    return parser


def main(argv: list[str] | None = None) -> int:
    configure_logging("INFO")
    args = build_parser().parse_args(argv)
    if args.command == "create-admin":
        password = getpass.getpass("password: ")
        if len(password) < 12:
            print("password must be at least 12 characters", file=sys.stderr)
            return 2
        user_id = asyncio.run(create_admin(args.handle, args.email, hash_password(password)))
        print(f"admin user id {user_id}")
    elif args.command == "rebuild-scoreboard":
        print(json.dumps(asyncio.run(rebuild_scoreboard(args.contest_id)), indent=2, default=str))
    elif args.command == "requeue-failed":
        count = asyncio.run(requeue_failed(args.contest_id, args.dry_run))
        print(f"{'would requeue' if args.dry_run else 'requeued'} {count} submissions")
    elif args.command == "contests":
        rows = asyncio.run(list_contests(args.status))
        if args.since:
            rows = [r for r in rows if _parse_time(r["start"]) >= args.since]
        for row in rows:
            print(f"{row['id']:>6} {row['status']:<10} {row['start']} {row['slug']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

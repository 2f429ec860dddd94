import argparse
import asyncio

from campus.workers import build_context, reviews


async def _main(job: str) -> None:
    ctx = build_context()
    if job == "reviews":
        await reviews.run(ctx)
    elif job == "digest":
        await reviews.run_digest_only(ctx)
    else:
        raise SystemExit(f"unknown job {job}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m campus.workers")
    parser.add_argument("job", choices=["reviews", "digest"])
    asyncio.run(_main(parser.parse_args().job))


if __name__ == "__main__":
    main()

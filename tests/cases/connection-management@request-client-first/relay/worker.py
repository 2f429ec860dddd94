"""Health worker: probes the upstream every few seconds; run as `python -m relay.worker`."""
import asyncio

from relay.a_probe import probe


async def main() -> None:
    while True:
        healthy = await probe("http://upstream.internal/health")
        if not healthy:
            print("upstream down")
        await asyncio.sleep(5)


if __name__ == "__main__":
    asyncio.run(main())

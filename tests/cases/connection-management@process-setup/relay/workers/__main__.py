import asyncio
import sys

from relay.workers.jobs import forward_alerts, forward_events

WORKERS = {"events": forward_events, "alerts": forward_alerts}


async def run(name: str) -> None:
    await WORKERS[name](asyncio.Event())


if __name__ == "__main__":
    asyncio.run(run(sys.argv[1]))

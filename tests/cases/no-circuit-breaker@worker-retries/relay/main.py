import asyncio

import asyncpg
import httpx

from relay.delivery import PushSender, WebhookSender
from relay.worker import OutboxWorker


async def main() -> None:
    pool = await asyncpg.create_pool("postgresql://relay@db/relay", command_timeout=10)
    hooks_http = httpx.AsyncClient(timeout=10.0)
    push_http = httpx.AsyncClient(base_url="https://push.example.com", timeout=5.0)
    worker = OutboxWorker(pool, WebhookSender(hooks_http), PushSender(push_http))
    task = asyncio.create_task(worker.run())
    task.add_done_callback(lambda t: None)
    await task


if __name__ == "__main__":
    asyncio.run(main())

"""The reminder worker process: builds the same object graph once, then loops."""
import asyncio

from clinic.wiring import assemble


async def run() -> None:
    components = assemble("redis://cache")
    while True:
        await components.codes.may_resend("+000")
        await asyncio.sleep(60)


if __name__ == "__main__":
    asyncio.run(run())

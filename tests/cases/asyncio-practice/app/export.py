import asyncio


def render(rows: list[str]) -> str:
    return "\n".join(rows)


async def export(rows: list[str]) -> str:
    loop = asyncio.get_event_loop()  # expect: asyncio-practice
    return await loop.run_in_executor(None, render, rows)


async def export_again(rows: list[str]) -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, render, rows)


def schedule_at_import() -> asyncio.AbstractEventLoop:
    return asyncio.get_event_loop()

import asyncio

from hooks.senders import HookSender, Pager

PENDING_HOOKS: list[tuple[str, bytes]] = []
PENDING_PAGES: list[str] = []


async def relay_hooks(sender: HookSender) -> None:
    while True:
        while PENDING_HOOKS:
            url, body = PENDING_HOOKS.pop()
            await sender.deliver(url, body)
        await asyncio.sleep(1.0)


async def relay_pages(pager: Pager) -> None:
    while True:
        while PENDING_PAGES:
            text = PENDING_PAGES[-1]
            if not await pager.page(text):
                break  # keep it; the next round tries again
            PENDING_PAGES.pop()
        await asyncio.sleep(5.0)

"""Operator command: rebuild every thumbnail by hand, watching the tool's output."""
from __future__ import annotations

import asyncio


async def rebuild_all(root: str) -> None:
    proc = await asyncio.create_subprocess_exec("thumb-rebuild", root, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    print(out.decode())


if __name__ == "__main__":
    asyncio.run(rebuild_all("/srv/images"))

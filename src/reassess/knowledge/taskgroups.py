"""Task groups: objects that keep every task started through them and hear of its end.

`group.spawn(coro)` / `group.create_task(coro)` / `group.start_soon(fn)` on one of these (or a
project subclass) registers the task with the group, which holds it, cancels it when the group
closes and surfaces its exception when the group is joined: the task is not left on its own,
whatever the caller does with the value the call returns.
"""
from __future__ import annotations

# what `async with X() as tg:` calls to open a group, which waits for its tasks when the block ends
GROUP_OPENERS = frozenset({
    "asyncio.TaskGroup", "asyncio.taskgroups.TaskGroup", "aiorpcx.TaskGroup", "aiorpcx.curio.TaskGroup",
    "anyio.create_task_group", "trio.open_nursery",
})
# a value of one of these types (or made by an opener) is a group: the openers and the types they hand back
TASK_GROUPS = GROUP_OPENERS | {"anyio.abc.TaskGroup", "trio.Nursery"}
# the openers by their last name, for code that has only the `async with` expression as written
GROUP_OPENER_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in GROUP_OPENERS)
GROUP_STARTS = frozenset({"spawn", "create_task", "start_soon", "start"})

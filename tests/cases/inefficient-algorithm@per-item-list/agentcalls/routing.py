"""Pick the tool server that offers a tool, and tag calls against the known tool list."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Tool:
    name: str


@dataclass
class ToolServer:
    url: str
    tools: list[Tool] = field(default_factory=list)


async def server_for(tool_name: str, servers: list[ToolServer]) -> ToolServer | None:
    for server in servers:
        if tool_name in [tool.name for tool in server.tools]:
            return server
    return None


async def known_calls(calls: list[str], registry: list[Tool]) -> list[str]:
    known = []
    for call in calls:
        if call in [tool.name for tool in registry]:  # expect: inefficient-algorithm
            known.append(call)
    return known

"""Prompt text the assistant sends to the model."""
from .catalog import Tool, output_help, plugin_help, tool_help


def tools_prompt(allowed: list[str]) -> str:
    text = ""
    for tool, description in tool_help.items():
        if not allowed or tool.value in allowed:
            text += f'- "{tool.value}": "{description}"\n'
    return text


def outputs_prompt() -> str:
    text = ""
    for mode, description in output_help.items():
        text += f"- {mode}: {description}\n"
    return text


def plugins_prompt() -> str:
    text = ""
    for name, description in plugin_help.items():
        text += f"- {name}: {description}\n"  # expect: inefficient-algorithm
    return text


def pick_tools(requested: list[Tool], has_notes: bool) -> list[Tool]:
    note_tools = [Tool.SEARCH, Tool.READ]
    picked = []
    for tool in requested:
        if tool in note_tools and not has_notes:
            continue
        picked.append(tool)
    return picked


def recent_turns(turns: list[dict], n: int = 4) -> str:
    history = ""
    for turn in turns[-n:]:
        history += f"{turn['by']}: {turn['text']}\n"
    return history


def all_turns(turns: list[dict]) -> str:
    history = ""
    for turn in turns[1:]:
        history += f"{turn['by']}: {turn['text']}\n"  # expect: inefficient-algorithm
    return history


async def read_events(chunks, handle, end: str = "\n\n") -> None:
    buffer = ""
    async for chunk in chunks:
        buffer += chunk
        while end in buffer:
            event, buffer = buffer.split(end, 1)
            handle(event)


async def collect(chunks) -> str:
    whole = ""
    async for chunk in chunks:
        whole += chunk  # expect: inefficient-algorithm
    return whole

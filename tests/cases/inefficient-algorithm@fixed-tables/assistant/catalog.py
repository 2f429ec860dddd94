"""Tables of the assistant's tools, written out once."""
from enum import Enum


class Tool(str, Enum):
    SEARCH = "search"
    READ = "read"
    RUN = "run"
    DRAW = "draw"


tool_help = {
    Tool.SEARCH: "Search the user's notes",
    Tool.READ: "Read one web page",
    Tool.RUN: "Run a short Python snippet",
}

output_help = {
    "text": "Answer in prose",
    "image": "Answer with a picture",
}

plugin_help: dict[str, str] = {}


def register_plugin(name: str, text: str) -> None:
    plugin_help[name] = text

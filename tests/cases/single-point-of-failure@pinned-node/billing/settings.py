"""Configuration from the environment."""
import os
from dataclasses import dataclass, field


@dataclass
class Settings:
    node_name: str = field(default_factory=lambda: os.environ.get("NODE_NAME", "api-0"))
    invoicing_node: str = field(default_factory=lambda: os.environ.get("INVOICING_NODE", "api-0"))
    warm_cache: bool = field(default_factory=lambda: os.environ.get("WARM_CACHE", "1") == "1")

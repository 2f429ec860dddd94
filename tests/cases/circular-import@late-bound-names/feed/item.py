from dataclasses import dataclass
from enum import Enum


class Origin(str, Enum):
    USER = "user"
    AGENT = "agent"


@dataclass
class Item:
    id: int
    origin: Origin
    body: str

from enum import Enum


class SourceKind(str, Enum):
    WIKI = "wiki"
    TICKETS = "tickets"
    MAIL = "mail"


class Region(Enum):
    EU = "eu"
    US = "us"

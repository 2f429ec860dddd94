from .billing import NotificationOutbox, PushDevice, Subscription
from .social import Match, Message
from .user import Block, Photo, Report, User

__all__ = ["Block", "Match", "Message", "NotificationOutbox", "Photo", "PushDevice", "Report", "Subscription", "User"]

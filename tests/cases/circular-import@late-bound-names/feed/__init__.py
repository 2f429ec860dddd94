from feed.item import Item, Origin
from feed.bus import Bus

__all__ = ["Bus", "Item", "Origin"]

"""Push channels: seller dashboard feed, order tracking sockets and buyer event streams."""

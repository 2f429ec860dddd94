"""WebSocket endpoints and the in-process connection registry."""

"""Domain services used by the HTTP, websocket and worker entry points."""

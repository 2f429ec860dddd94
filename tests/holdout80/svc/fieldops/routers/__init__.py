"""HTTP and websocket routers, one module per area."""

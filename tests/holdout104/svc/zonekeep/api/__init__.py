"""HTTP routers. Each module exposes `router`."""

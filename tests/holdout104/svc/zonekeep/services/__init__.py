"""Business logic. Services are constructed per request (session-scoped) or once at startup (container)."""

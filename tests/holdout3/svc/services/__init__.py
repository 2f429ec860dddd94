"""Business logic. Services are built per request unless noted otherwise."""

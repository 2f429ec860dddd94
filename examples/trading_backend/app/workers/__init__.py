"""Long-running background loops started from the application lifespan."""

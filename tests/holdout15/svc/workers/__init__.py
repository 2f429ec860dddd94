"""Background loops started from the application lifespan."""

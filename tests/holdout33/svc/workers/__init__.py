"""Background workers started from the application lifespan."""

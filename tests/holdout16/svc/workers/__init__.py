"""Background workers started by the application lifespan."""

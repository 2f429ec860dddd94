"""Background workers started with the application."""

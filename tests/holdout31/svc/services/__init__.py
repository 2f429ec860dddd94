"""Business logic. Services take repositories or a session factory; they never touch HTTP objects."""

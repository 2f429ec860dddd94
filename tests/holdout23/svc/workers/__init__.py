"""Background jobs run alongside the web process."""

"""Order export service."""

"""fabline.repositories package."""

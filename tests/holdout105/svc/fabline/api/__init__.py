"""fabline.api package."""

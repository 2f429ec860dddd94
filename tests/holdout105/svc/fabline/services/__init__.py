"""fabline.services package."""

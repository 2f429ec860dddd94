"""fabline.utils package."""

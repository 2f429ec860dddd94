"""fabline.models package."""

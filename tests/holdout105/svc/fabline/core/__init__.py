"""fabline.core package."""

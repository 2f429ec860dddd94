"""fabline.workers package."""

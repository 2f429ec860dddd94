"""fabline.clients package."""

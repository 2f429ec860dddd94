"""fabline.ws package."""

"""fabline: manufacturing execution backend for the 300mm line."""

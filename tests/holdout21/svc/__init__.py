"""Class-booking and membership backend for gym chains."""

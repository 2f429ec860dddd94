"""Live order tracking and kitchen display fan-out."""

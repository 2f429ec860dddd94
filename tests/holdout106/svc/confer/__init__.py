"""Conference management backend."""

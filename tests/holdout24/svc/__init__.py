"""Electronic data capture (EDC) backend for clinical trials."""

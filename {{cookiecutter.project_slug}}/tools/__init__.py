"""Developer tools for this function: cost estimates."""

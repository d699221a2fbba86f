"""Built-in inventory plugins."""

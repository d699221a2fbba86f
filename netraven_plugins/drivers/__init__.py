"""Built-in drivers plugins."""

"""Configuration generators of the built-in simulator profiles."""

"""Encryption at rest, password hashing, tokens and role permissions."""

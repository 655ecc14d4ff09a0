"""Accounts: roles (consultant, municipal contact, steering group) and access."""

"""Accounts: roles (consultant, municipal contact, steering group) and who may see what."""

"""Otklik: customer-experience management for public employment services."""

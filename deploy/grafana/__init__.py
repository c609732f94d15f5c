"""Grafana dashboard builder and the dashboard's queries, importable by tests."""

"""Deployment assets. A package only so tests can import ``deploy.grafana`` helpers."""

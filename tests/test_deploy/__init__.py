"""Tests of deploy/: Prometheus rules, Alertmanager, Grafana dashboard, compose and k8s files."""

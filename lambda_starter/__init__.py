"""Tooling for the production-grade AWS Lambda cookiecutter template."""

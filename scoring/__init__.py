"""Frontline's scoring engine: a pure library (no Flask, no database)."""

"""The practice load benchmark's parts: database, server, HTTP client, trainees, figures."""

"""Entry point of ``python -m scoring`` (see scoring/cli.py)."""

from .cli import main

raise SystemExit(main())

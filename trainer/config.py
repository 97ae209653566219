"""Configuration from the environment, with safe defaults for local use.

FRONTLINE_ENV selects the mode: ``development`` (default) or ``production``; any other value is
refused, so a typo cannot quietly run production as development. Production refuses to start
without a long random SECRET_KEY and turns on Secure cookies and HSTS.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

PRODUCTION = "production"
ENVIRONMENTS = ("development", PRODUCTION)
MIN_SECRET_KEY_LENGTH = 32
MIN_SECRET_KEY_SYMBOLS = 8  # "x" * 64 or "changeme" * 4 is long but not secret
RANDOM_KEY_COMMAND = "python -c 'import secrets; print(secrets.token_hex(32))'"
HSTS_ONE_YEAR = 365 * 24 * 3600
SESSION_LIFETIME = timedelta(hours=12)


class ConfigurationError(RuntimeError):
    """The environment does not allow the app to start safely."""


def environment_name() -> str:
    env = os.environ.get("FRONTLINE_ENV", os.environ.get("FLASK_ENV", "development"))
    if env.strip().lower() not in ENVIRONMENTS:
        raise ConfigurationError(
            f"FRONTLINE_ENV is {env!r}; use one of " + ", ".join(ENVIRONMENTS) + "."
        )
    return env.strip().lower()


def production_secret_key() -> str:
    """SECRET_KEY, refused when unset, short or made of few symbols (a placeholder)."""
    key = os.environ.get("SECRET_KEY", "")
    if not key:
        raise ConfigurationError(
            "SECRET_KEY is not set. In production set SECRET_KEY to a long random value, "
            f"e.g. the output of: {RANDOM_KEY_COMMAND}"
        )
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_SYMBOLS:
        raise ConfigurationError(
            f"SECRET_KEY is too short or too simple: use at least {MIN_SECRET_KEY_LENGTH} "
            f"random characters, e.g. the output of: {RANDOM_KEY_COMMAND}"
        )
    return key


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def local_secret_key(instance_path: str) -> str:
    """Generate a secret once into the instance folder so restarts keep sessions valid."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def database_url(instance_path: str) -> str:
    """DATABASE_URL, defaulting to SQLite in the instance folder; postgresql:// means psycopg 3."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{Path(instance_path) / 'frontline.sqlite3'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


SQLITE_SYNCHRONOUS_LEVELS = ("NORMAL", "FULL", "EXTRA")


def sqlite_synchronous() -> str:
    """How hard SQLite flushes each commit (FRONTLINE_SQLITE_SYNCHRONOUS, default FULL).

    FULL flushes every commit to disk, so a stored reply survives even a power cut. With the
    write-ahead log, NORMAL skips that flush and still keeps every commit through a crash of
    the app, but a power cut or an operating-system crash may lose the last ones: an
    operator's choice for slow disks, not a default.
    """
    level = os.environ.get("FRONTLINE_SQLITE_SYNCHRONOUS", "FULL").strip().upper()
    if level not in SQLITE_SYNCHRONOUS_LEVELS:
        raise ConfigurationError(
            f"FRONTLINE_SQLITE_SYNCHRONOUS is {level!r}; use one of "
            + ", ".join(SQLITE_SYNCHRONOUS_LEVELS) + "."
        )
    return level


def from_environment(instance_path: str) -> dict[str, object]:
    env = environment_name()
    production = env == PRODUCTION
    if production:
        secret_key = production_secret_key()
    else:
        secret_key = os.environ.get("SECRET_KEY") or local_secret_key(instance_path)
    secure_cookies = _flag("FRONTLINE_SECURE_COOKIES", production)
    hsts_default = str(HSTS_ONE_YEAR if production else 0)
    return {
        "FRONTLINE_ENV": env,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SQLITE_SYNCHRONOUS": sqlite_synchronous(),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        # Strict-Transport-Security: browsers then use HTTPS only, for this many seconds.
        "HSTS_MAX_AGE": int(os.environ.get("FRONTLINE_HSTS_MAX_AGE", hsts_default)),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        "PERMANENT_SESSION_LIFETIME": SESSION_LIFETIME,
        # A form's token lasts as long as the session that holds its secret, longer than the
        # longest hiring test (8 hours): not Flask-WTF's default hour.
        "WTF_CSRF_TIME_LIMIT": int(SESSION_LIFETIME.total_seconds()),
        "PASSWORD_HASH_METHOD": "scrypt",
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 256 * 1024,
        "MAX_FORM_PARTS": 200,
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "LOGIN_LIMIT_PER_IP": os.environ.get("FRONTLINE_LOGIN_LIMIT_PER_IP", "20 per minute"),
        "LOGIN_LIMIT_PER_ACCOUNT": os.environ.get(
            "FRONTLINE_LOGIN_LIMIT_PER_ACCOUNT", "5 per 5 minutes"
        ),
        # Wrong current passwords allowed per account when changing the password.
        "PASSWORD_CHECK_LIMIT": os.environ.get(
            "FRONTLINE_PASSWORD_CHECK_LIMIT", "5 per 5 minutes"
        ),
        **password_link_settings(),
        "SCENARIO_LIBRARY": os.environ.get(
            "FRONTLINE_SCENARIOS", str(Path(__file__).resolve().parent.parent / "scenarios")
        ),
        "RANK_LADDER": os.environ.get("FRONTLINE_RANKS"),  # default: ranks.yaml at the root
        "PROXY_HOPS": proxy_hops(),
        **hiring_settings(),
    }


def proxy_hops() -> int:
    """How many reverse proxies stand in front (FRONTLINE_PROXY_HOPS, default 0): the app
    trusts that many X-Forwarded-For/-Proto/-Host values, and no more, so a client cannot
    forge its address or scheme."""
    value = os.environ.get("FRONTLINE_PROXY_HOPS", "0").strip()
    if not value.isdigit() or int(value) > 5:
        raise ConfigurationError(
            f"FRONTLINE_PROXY_HOPS is {value!r}; use the number of proxies in front, 0 to 5."
        )
    return int(value)


def password_link_settings() -> dict[str, object]:
    """How long a link to set a new password works, and how often one may be asked for by
    e-mail (per address and per account: every request counts, found or not)."""
    return {
        "PASSWORD_LINK_EMAILED_LIFETIME": timedelta(
            minutes=int(os.environ.get("FRONTLINE_RESET_LINK_MINUTES", "60"))
        ),
        "PASSWORD_LINK_ADMIN_LIFETIME": timedelta(
            hours=int(os.environ.get("FRONTLINE_ADMIN_LINK_HOURS", "72"))
        ),
        "RESET_LIMIT_PER_IP": os.environ.get("FRONTLINE_RESET_LIMIT_PER_IP", "10 per hour"),
        "RESET_LIMIT_PER_ACCOUNT": os.environ.get(
            "FRONTLINE_RESET_LIMIT_PER_ACCOUNT", "3 per hour"
        ),
    }


def hiring_settings() -> dict[str, object]:
    """Candidate links' rate limits, how long candidate data is kept, and outgoing e-mail
    (invitations and password links are e-mailed only when MAIL_SERVER is set)."""
    return {
        "HIRING_RETENTION_DAYS": int(os.environ.get("HIRING_RETENTION_DAYS", "180")),
        "HIRING_LINK_LIMIT": os.environ.get("HIRING_LINK_LIMIT", "120 per minute"),
        "HIRING_BAD_LINK_LIMIT": os.environ.get("HIRING_BAD_LINK_LIMIT", "20 per minute"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS", False),
        "MAIL_USE_SSL": _flag("MAIL_USE_SSL", False),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "frontline@localhost"),
    }

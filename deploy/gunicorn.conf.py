"""gunicorn's settings for production (`make serve`); each can be overridden from the environment.

Sync workers, two per core: a reply's grading is CPU work, and while one worker waits for the
database another runs (benchmarks/README.md measured this against gthread workers).
"""

import multiprocessing
import os

bind = os.environ.get("FRONTLINE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("FRONTLINE_WORKERS", 2 * multiprocessing.cpu_count()))
worker_class = "sync"
# A request that takes longer than this is stuck: the worker is restarted, the client gets 502.
timeout = int(os.environ.get("FRONTLINE_WORKER_TIMEOUT", "30"))
graceful_timeout = 30
# Restart workers now and then, so memory a long-lived worker gathers is given back.
max_requests = 2000
max_requests_jitter = 200
# Load the app once in the master: workers fork with the scenario library already parsed.
preload_app = True
accesslog = "-"
errorlog = "-"
# The proxy in front adds X-Forwarded-*; the app trusts FRONTLINE_PROXY_HOPS of them.
forwarded_allow_ips = os.environ.get("FRONTLINE_FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "trainer:create_app()"

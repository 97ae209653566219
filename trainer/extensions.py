"""Extensions created once and bound to the app in the factory."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf import CSRFProtect

from trainer.database import db

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to continue."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"
limiter = Limiter(key_func=get_remote_address)
migrate = Migrate(render_as_batch=True, compare_type=True)

__all__ = ["csrf", "db", "limiter", "login_manager", "migrate"]

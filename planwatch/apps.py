"""Third-party apps under Chinese names in the admin."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    """django-axes, the login lockout: its admin section would read “Axes”."""

    verbose_name = _("登录保护")

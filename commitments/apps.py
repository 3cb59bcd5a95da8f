from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "commitments"
    verbose_name = _("承诺与进展")

    def ready(self):
        from pagecache.receivers import bump_on_changes_to

        from .models import (
            Article,
            Commitment,
            CommitmentGoal,
            Goal,
            Plan,
            Statement,
            StatusUpdate,
            Target,
            Theme,
        )

        bump_on_changes_to(
            Article, Statement, Commitment, Commitment.themes.through, CommitmentGoal, Target,
            StatusUpdate, Goal, Theme,
        )
        bump_on_changes_to(Plan, Plan.goals.through)

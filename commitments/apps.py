from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "commitments"
    verbose_name = _("承诺与进展")

    def ready(self):
        from pagecache import changes

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
        from .tally import TallyListener

        changes.track(
            Article, Statement, Commitment, Commitment.themes.through, CommitmentGoal, Target,
            StatusUpdate, Goal, Theme, Plan, Plan.goals.through,
        )
        changes.listen(TallyListener())

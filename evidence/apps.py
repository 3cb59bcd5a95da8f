from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evidence"
    verbose_name = _("佐证与实际值")

    def ready(self):
        from pagecache.changes import track

        from .models import EvidenceDocument, Passage, Suggestion, TargetObservation

        # The commitment page quotes accepted evidence: deleting a document must not leave it.
        track(EvidenceDocument, Passage, Suggestion, TargetObservation)

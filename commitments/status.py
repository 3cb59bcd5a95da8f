"""The vocabularies of progress: the status of a commitment and its 督办 signal."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_RATED = "not_rated", _("待评估")
    NOT_STARTED = "not_started", _("未启动")
    IN_PROGRESS = "in_progress", _("推进中")
    STALLED = "stalled", _("滞后")
    PARTIAL = "partial", _("部分完成")
    DONE = "done", _("已完成")
    ABANDONED = "abandoned", _("未兑现")


class Signal(models.TextChoices):
    RED = "red", _("逾期")
    AMBER = "amber", _("久未更新")
    GREEN = "green", _("正常")

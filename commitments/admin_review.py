"""Staff admin of the history: the review queue, approving, returning and withdrawing updates,
and the amendments of goalposts. Nothing here deletes or edits what was reported."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from departments.models import is_reviewer

from .admin_lists import ReadOnlyAdmin
from .forms import ReviewForm, WithdrawForm
from .models import Amendment, StatusUpdate
from .status import Review


@admin.register(StatusUpdate)
class StatusUpdateAdmin(ReadOnlyAdmin):
    """Every status update of every commitment. Reviewers open on the queue of 待审核 ones."""

    list_display = ["commitment", "department", "status", "progress", "reported_on", "author",
                    "review", "created_at", "review_action"]
    list_filter = ["review", "status", "commitment__department", "reported_on"]
    list_select_related = ["commitment__department", "author"]
    search_fields = ["commitment__title", "note"]
    date_hierarchy = "reported_on"

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and not request.GET and is_reviewer(request.user):
            request.GET = QueryDict(f"review__exact={Review.PENDING}")  # the review queue
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        def view(function, name):
            return self.admin_site.admin_view(function), f"commitments_statusupdate_{name}"

        review_view, review_name = view(self.review_view, "review")
        withdraw_view, withdraw_name = view(self.withdraw_view, "withdraw")
        return [
            path("<path:object_id>/review/", review_view, name=review_name),
            path("<path:object_id>/withdraw/", withdraw_view, name=withdraw_name),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("部门"), ordering="commitment__department__order")
    def department(self, update):
        return update.commitment.department

    @admin.display(description=gettext_lazy("操作"))
    def review_action(self, update):
        if update.review == Review.PENDING:
            url = reverse("admin:commitments_statusupdate_review", args=[update.pk])
            return format_html('<a href="{}">{}</a>', url, _("审核"))
        if update.review == Review.PUBLISHED:
            url = reverse("admin:commitments_statusupdate_withdraw", args=[update.pk])
            return format_html('<a href="{}">{}</a>', url, _("撤回"))
        return ""

    def reviewed_update(self, request, object_id):
        if not is_reviewer(request.user):
            raise PermissionDenied(_("只有审核人员可以审核或撤回进展。"))
        update = (
            StatusUpdate.objects.select_related("commitment__department", "author")
            .filter(pk=unquote(object_id)).first()
            if str(object_id).isdigit() else None
        )
        if update is None:
            raise Http404(_("没有这条进展。"))
        return update

    @transaction.atomic
    def review_view(self, request, object_id):
        """Approve a pending update (it becomes public and current) or return it with a comment."""
        update = self.reviewed_update(request, object_id)
        form = ReviewForm(request.POST or None)
        if update.review != Review.PENDING:
            form = None
        elif request.method == "POST" and form.is_valid():
            if form.cleaned_data["decision"] == ReviewForm.APPROVE:
                update.approve(request.user)
                self.message_user(request, _("已通过并发布该进展。"))
            else:
                update.send_back(request.user, form.cleaned_data["comment"])
                self.message_user(request, _("已退回该进展，填报人可看到审核意见。"))
            return redirect(f"{reverse('admin:commitments_statusupdate_changelist')}"
                            f"?review__exact={Review.PENDING}")
        return self.render_form(request, update, form, _("审核进展"), "review")

    @transaction.atomic
    def withdraw_view(self, request, object_id):
        """Withdraw a published update with a reason: it stays in the public history, marked."""
        update = self.reviewed_update(request, object_id)
        form = WithdrawForm(request.POST or None) if update.review == Review.PUBLISHED else None
        if form is not None and request.method == "POST" and form.is_valid():
            update.withdraw(request.user, form.cleaned_data["reason"])
            self.message_user(request, _("已撤回该进展；承诺的当前状态已按其余记录重新计算。"))
            return redirect("admin:commitments_commitment_change", update.commitment_id)
        return self.render_form(request, update, form, _("撤回进展"), "withdraw")

    def render_form(self, request, update, form, title, action):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(update.commitment),
            "opts": self.opts,
            "update": update,
            "form": form,
            "action": action,
        }
        status = 400 if form is not None and form.is_bound else 200
        if form is None and request.method == "POST":
            status = 409  # already reviewed or withdrawn by someone else
        return TemplateResponse(
            request, "admin/commitments/statusupdate/decide.html", context, status=status
        )


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAdmin):
    """Goalposts moved by reviewers, read-only: made through the commitment's page."""

    list_display = ["commitment", "field", "old_value", "new_value", "reason", "author", "made_at"]
    list_filter = ["field"]
    list_select_related = ["commitment", "author"]
    search_fields = ["commitment__title", "reason"]

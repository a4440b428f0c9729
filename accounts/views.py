from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import Account
from accounts.selectors import accounts_visible_to, can_edit_account, get_visible_account
from audit.selectors import history_of
from socialcrm.extensions import account_panels, account_timeline

PAGE_SIZE = 25


@require_GET
def advertiser_list(request):
    return _account_list(request, Account.Side.ADVERTISER)


@require_GET
def publisher_list(request):
    return _account_list(request, Account.Side.PUBLISHER)


def _account_list(request, side):
    accounts = accounts_visible_to(request.user).filter(side=side).active()
    query = request.GET.get("q", "").strip()
    if query:
        accounts = accounts.filter(Q(name__icontains=query) | Q(industry__icontains=query))
    accounts = accounts.select_related("account_manager").order_by("name")
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "side": side, "side_label": Account.Side(side).label, "query": query}
    template = "accounts/account_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@require_GET
def account_detail(request, pk):
    account = get_visible_account(request.user, pk)
    return render(request, "accounts/account_detail.html", {
        "account": account,
        "can_edit": can_edit_account(request.user, account),
        "contacts": account.contacts.filter(archived_at__isnull=True),
        "history": history_of(account),
        "panels": account_panels(request, account),
        "timeline": account_timeline(account),
    })

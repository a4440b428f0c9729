from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from notifications import selectors, services


@require_GET
def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
def mark_all_read(request):
    services.mark_read(user=request.user)
    if request.htmx:
        return render(request, "notifications/notification_list.html#badge", {"unread_notifications": 0})
    return redirect("notifications:list")

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from campaigns.models import Campaign
from campaigns.selectors import campaigns_visible_to, get_visible_campaign
from socialcrm.extensions import campaign_panels


@require_GET
def campaign_list(request):
    campaigns = campaigns_visible_to(request.user).filter(archived_at__isnull=True)
    status = request.GET.get("status", "")
    if status in Campaign.Status.values:
        campaigns = campaigns.filter(status=status)
    campaigns = campaigns.select_related("advertiser", "project_lead").order_by("-launch_on")
    page = Paginator(campaigns, 25).get_page(request.GET.get("page"))
    template = "campaigns/campaign_list.html" + ("#results" if request.htmx else "")
    return render(request, template, {"page": page, "status": status, "statuses": Campaign.Status.choices})


@require_GET
def campaign_detail(request, pk):
    campaign = get_visible_campaign(request.user, pk)
    return render(request, "campaigns/campaign_detail.html", {
        "campaign": campaign,
        "publishers": campaign.publishers.all(),
        "targets": campaign.kpi_targets.all(),
        "panels": campaign_panels(request, campaign),
    })

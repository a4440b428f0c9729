from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from audit.services import record
from reports import breakdowns, charts, saved_views, tables
from reports.dashboard import dashboard as dashboard_data
from reports.forms import DashboardFilterForm
from reports.portfolio import portfolio_for
from social.period_growth import follower_growth_for
from socialcrm.exports import csv_response, refused_download, xlsx_response
from socialcrm.visibility import (
    campaigns_visible_to,
    can_manage_rates,
    ensure_can_read_dashboard,
    ensure_can_read_portfolio,
)


def _filtered(request):
    form = DashboardFilterForm(request.GET or None, user=request.user)
    if form.is_bound:
        form.is_valid()
    return form, form.filters()


@require_GET
def dashboard(request):
    ensure_can_read_dashboard(request.user)
    form, filters = _filtered(request)
    data = dashboard_data(request.user, filters)
    query = _filter_query(request)
    context = {
        "form": form, "filters": filters, "data": data, "query": query,
        "trend_figure": charts.trend_figure(data["trend"], data["currency"]),
        "breakdowns": [
            {**_table_context(data, name, query, {}), "chart_id": f"fig-{name}",
             "figure": charts.breakdown_figure(data[name], data["currency"]),
             "grouped": breakdowns.top_with_other(data[name])[1], "chart_top": breakdowns.CHART_TOP}
            for name in breakdowns.BREAKDOWNS
        ],
        "column_headers": [tables.column_labels(data["currency"])[column] for column in tables.TREND_COLUMNS],
        "column_codes": tables.TREND_COLUMNS,
        "can_manage_rates": can_manage_rates(request.user),
        "follower_growth": _follower_growth(request.user, filters),
    }
    # The filter form swaps only the body; a drill-down (a clicked row or bar) swaps the whole
    # page, form included, so the form shows the narrowed filters.
    only_body = request.htmx and request.htmx.target != "dashboard-page"
    template = "reports/dashboard.html" + ("#body" if only_body else "")
    return render(request, template, context)


def _follower_growth(user, filters):
    """The brands' social profiles within the dashboard's filters (advertiser, campaign, platform)."""
    advertiser_ids = None
    if filters.campaign_id:
        advertiser_ids = list(campaigns_visible_to(user).filter(pk=filters.campaign_id)
                              .values_list("advertiser_id", flat=True))
    elif filters.advertiser_id:
        advertiser_ids = [filters.advertiser_id]
    return follower_growth_for(user, filters.start, filters.end, advertiser_ids=advertiser_ids,
                               platform=filters.platform)


@require_GET
def dashboard_table(request, table):
    """One breakdown in full, sorted and paged: the htmx swap of its table, or a page of its own."""
    ensure_can_read_dashboard(request.user)
    if table not in breakdowns.BREAKDOWNS:
        raise Http404
    form, filters = _filtered(request)
    query = _filter_query(request)
    context = {"form": form, "filters": filters, "query": query,
               "breakdown": _table_context(dashboard_data(request.user, filters), table, query, request.GET)}
    template = "reports/breakdown.html" + ("#table" if request.htmx else "")
    return render(request, template, context)


@require_GET
def dashboard_export(request, table, fmt):
    ensure_can_read_dashboard(request.user)
    table = tables.RENAMED.get(table, table)
    if table not in tables.TABLES or fmt not in ("csv", "xlsx"):
        raise Http404
    form, filters = _filtered(request)
    if form.errors:
        return refused_download(form)
    data = dashboard_data(request.user, filters)
    rows = None
    if table in breakdowns.BREAKDOWNS:
        rows = breakdowns.sorted_rows(data[table], *breakdowns.sort_of(
            table, request.GET.get("sort"), request.GET.get("dir")))
    title, header, rows = tables.table(data, table, rows)
    record(actor=request.user, action="reports.dashboard_export", request=request,
           changes={"table": table, "format": fmt, "filters": request.GET.dict()})
    filename = f"roi-{table}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, header, rows)
    return xlsx_response(filename, header, rows, sheet_title=title)


TABLE_PARAMS = ("sort", "dir", "page")


def _filter_query(request):
    """The request's dashboard filters as a query string, without a table's sort and page."""
    params = request.GET.copy()
    for name in TABLE_PARAMS:
        params.pop(name, None)
    return params.urlencode()


def _table_context(data, name, query, params):
    """Everything the breakdown table partial needs: the sorted page and its header links."""
    column, descending = breakdowns.sort_of(name, params.get("sort"), params.get("dir"))
    rows = breakdowns.sorted_rows(data[name], column, descending)
    labels = {"label": breakdowns.KEY_LABELS[name], "advertiser": _("Advertiser"),
              **tables.column_labels(data["currency"])}
    shown = ["label", *(["advertiser"] if name == "by_campaign" else []), *tables.COLUMNS]
    headers = [
        {"code": code, "label": labels[code], "active": code == column,
         "aria_sort": ("descending" if descending else "ascending") if code == column else "none",
         "query": _joined(query, sort=code, dir="asc" if code == column and descending else "desc")}
        for code in shown
    ]
    page = breakdowns.page_of(rows, params.get("page"))
    sort_query = _joined(query, sort=column, dir="desc" if descending else "asc")
    return {"name": name, "title": breakdowns.TITLES[name], "rows": data[name], "page": page,
            "headers": headers, "sort_query": sort_query, "total": len(rows),
            "drill": drill_prefix(query, breakdowns.DRILL_PARAM[name])}


def drill_prefix(query, param):
    """The dashboard URL narrowed by one more filter, waiting for the row's key at its end."""
    params = QueryDict(query, mutable=True)
    params.pop(param, None)
    kept = params.urlencode()
    return f"{reverse('reports:dashboard')}?{kept}{'&' if kept else ''}{param}="


def _joined(query, **extra):
    """Query strings joined with "&", empty ones left out."""
    return "&".join(part for part in (query, urlencode(extra)) if part)


@require_POST
def save_view(request):
    ensure_can_read_dashboard(request.user)
    name = request.POST.get("name", "").strip()
    query = saved_views.filters_only(request.POST.get("query", ""))
    if not name or len(name) > 80:
        messages.error(request, _("Give the view a name of at most 80 characters."))
    else:
        saved_views.save_view(actor=request.user, name=name, query=query, request=request)
        messages.success(request, _("View saved: open it from home."))
    return redirect(f"{reverse('reports:dashboard')}?{query}")


@require_POST
def delete_view(request, pk):
    view = get_object_or_404(saved_views.views_of(request.user), pk=pk)
    saved_views.delete_view(actor=request.user, view=view, request=request)
    return redirect("home")


@require_GET
def portfolio(request):
    ensure_can_read_portfolio(request.user)
    return render(request, "reports/portfolio.html",
                  {"portfolio": portfolio_for(request.user, timezone.localdate()),
                   "today": timezone.localdate()})

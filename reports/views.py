from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.services import record
from reports import charts, tables
from reports.dashboard import dashboard as dashboard_data
from reports.forms import DashboardFilterForm
from reports.portfolio import portfolio_for
from socialcrm.exports import csv_response, refused_download, xlsx_response
from socialcrm.visibility import ensure_can_read_dashboard, ensure_can_read_portfolio


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
    context = {
        "form": form, "filters": filters, "data": data, "query": request.GET.urlencode(),
        "trend_figure": charts.trend_figure(data["trend"]),
        "breakdowns": [
            {"key": key, "chart_id": f"fig-{key}", "title": tables.table(data, key)[0], "rows": data[key],
             "figure": charts.breakdown_figure(data[key])}
            for key in ("by_platform", "by_advertiser", "by_publisher")
        ],
        "ranking": [(_("Best ROI"), data["campaigns"]["top"]), (_("Worst ROI"), data["campaigns"]["bottom"])],
        "column_headers": [tables.column_labels()[column] for column in tables.COLUMNS],
    }
    template = "reports/dashboard.html" + ("#body" if request.htmx else "")
    return render(request, template, context)


@require_GET
def dashboard_export(request, table, fmt):
    ensure_can_read_dashboard(request.user)
    if table not in tables.TABLES or fmt not in ("csv", "xlsx"):
        raise Http404
    form, filters = _filtered(request)
    if form.errors:
        return refused_download(form)
    title, header, rows = tables.table(dashboard_data(request.user, filters), table)
    record(actor=request.user, action="reports.dashboard_export", request=request,
           changes={"table": table, "format": fmt, "filters": request.GET.dict()})
    filename = f"roi-{table}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, header, rows)
    return xlsx_response(filename, header, rows, sheet_title=title)


@require_GET
def portfolio(request):
    ensure_can_read_portfolio(request.user)
    return render(request, "reports/portfolio.html",
                  {"portfolio": portfolio_for(request.user, timezone.localdate())})

"""An account or executive report as one long table (section, item, values), for the CSV and XLSX
downloads and the email attachment. Cells go through socialcrm.exports, which escapes formulas."""

from django.utils.translation import gettext as _

from reports.kpis import notation, unit_of
from socialcrm.exports import csv_response, xlsx_response


def header():
    return [_("Section"), _("Item"), _("Value"), _("Previous period"), _("Target"), _("Status")]


def report_title(report):
    if report["kind"] == "account":
        return _("%(account)s report %(period)s") % {"account": report["account"].name,
                                                      "period": report["period"].label}
    return _("Executive report %(period)s") % {"period": report["period"].label}


def report_rows(report):
    period = report["period"]
    rows = [[_("Report"), _("Period"), f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}", "", "", ""]]
    if report["kind"] == "account":
        rows.append([_("Report"), _("Account"), report["account"].name, "", "", ""])
    rows += [[_("Data outside campaign dates"), item["campaign"],
              ", ".join(f"{first:%Y-%m-%d}" + ("" if last == first else f" – {last:%Y-%m-%d}")
                        for first, last in item["ranges"]),
              "", f"{item['start_on']:%Y-%m-%d} – {item['end_on']:%Y-%m-%d}", ""]
             for item in report.get("outside_dates", [])]
    section = _("Performance")
    rows += [[section, line["label"], _shown(line["code"], line["value"]), _shown(line["code"], line["previous"]),
              "", ""] for line in report["performance"]["lines"]]
    section = str(report["partners_title"])
    rows += [[section, row["label"], _rounded(row["spend"]), "", "", f"{_('ROI')} {notation('roi', row['roi'])}"]
             for row in report["partners"]]
    for row in report.get("campaigns", []):
        name = row["campaign"].name
        rows.append([_("Campaigns"), name, _rounded(row["sums"].get("spend") or 0), "", "", ""])
        rows += [[_("KPI targets"), f"{name}: {target['label']}", _shown(target["kpi"], target["value"]), "",
                  f"{target['direction']} {notation(target['kpi'], target['target'])}", target["status"] or ""]
                 for target in row["targets"]]
    milestones = report["milestones"]
    for outcome, label in (("hit", _("Hit")), ("missed", _("Missed")), ("open", _("Open"))):
        rows += [[_("Milestones"), f"{m.campaign.name}: {m.name}", m.due_on, "", "", label]
                 for m in milestones[outcome]]
    feedback = report["feedback"]
    rows += [[_("Feedback"), label, _rounded(feedback[key]), "", "", ""]
             for key, label in (("count", _("Received")), ("nps", _("NPS")), ("avg_rating", _("Average rating")),
                                ("negative", _("Negative")), ("open", _("Still open")))]
    rows += [[_("Incidents"), incident.title, incident.detected_at, "", "", incident.get_status_display()]
             for incident in report["incidents"]["incidents"]]
    return rows


def report_file(report, fmt):
    """(filename, HttpResponse) of the report as CSV or XLSX."""
    period = report["period"]
    subject = f"account-{report['account'].pk}" if report["kind"] == "account" else "executive"
    filename = f"report-{subject}-{period.label}.{fmt}"
    if fmt == "csv":
        return filename, csv_response(filename, header(), report_rows(report))
    return filename, xlsx_response(filename, header(), report_rows(report), sheet_title=_("Report"))


def _shown(code, value):
    """Rates in their notation (ROI "+50.0 %", ROAS "1.50×"); amounts and counts stay numbers."""
    if unit_of(code) in ("currency", "count"):
        return _rounded(value)
    return notation(code, value)


def _rounded(value):
    if value is None or isinstance(value, int):
        return value
    return round(value, 4)

from django.urls import path

from reports import currency_views, report_views, views

app_name = "reports"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/views/", views.save_view, name="save_view"),
    path("dashboard/views/<int:pk>/delete/", views.delete_view, name="delete_view"),
    path("dashboard/tables/<slug:table>/", views.dashboard_table, name="dashboard_table"),
    path("dashboard/<slug:table>.<slug:fmt>", views.dashboard_export, name="dashboard_export"),
    path("exchange-rates/", currency_views.exchange_rates, name="exchange_rates"),
    path("exchange-rates/currency/", currency_views.reporting_currency, name="reporting_currency"),
    path("exchange-rates/import/", currency_views.import_rates, name="import_rates"),
    path("portfolio/", views.portfolio, name="portfolio"),
    path("", report_views.report_list, name="report_list"),
    path("accounts/<int:pk>/", report_views.account_report_page, name="account_report"),
    path("accounts/<int:pk>/report.<slug:fmt>", report_views.account_report_export,
         name="account_report_export"),
    path("executive/", report_views.executive_report_page, name="executive_report"),
    path("executive/report.<slug:fmt>", report_views.executive_report_export, name="executive_report_export"),
    path("schedules/new/", report_views.schedule_create, name="schedule_create"),
    path("schedules/<int:pk>/", report_views.schedule_edit, name="schedule_edit"),
    path("schedules/<int:pk>/deactivate/", report_views.schedule_deactivate, name="schedule_deactivate"),
]

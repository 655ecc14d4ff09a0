"""URLs of the report pages."""

from django.urls import path

from parathed.web.reports import views

app_name = "reports"
urlpatterns = [
    path(
        "partnerskaber/<slug:slug>/rapporter/",
        views.ReportListView.as_view(),
        name="report-list",
    ),
    path(
        "partnerskaber/<slug:slug>/rapporter/start/",
        views.ReportStartView.as_view(),
        name="report-start",
    ),
    path(
        "partnerskaber/<slug:slug>/rapporter/<int:job_id>/",
        views.ReportJobView.as_view(),
        name="job-status",
    ),
    path(
        "partnerskaber/<slug:slug>/rapporter/<int:job_id>/<str:kind>/",
        views.ReportFileView.as_view(),
        name="job-file",
    ),
]

"""URLs of the staff pages."""

from django.urls import path

from parathed.web.partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "partnerskaber/", views.PartnershipListView.as_view(), name="partnership-list"
    ),
    path(
        "partnerskaber/<slug:slug>/",
        views.PartnershipDetailView.as_view(),
        name="partnership-detail",
    ),
    path(
        "partnerskaber/<slug:slug>/kommuner/<str:code>/",
        views.MunicipalityDetailView.as_view(),
        name="municipality-detail",
    ),
    path(
        "partnerskaber/<slug:slug>/kommuner/<str:code>/rapport.pptx",
        views.ReportDownloadView.as_view(),
        name="report-download",
    ),
]

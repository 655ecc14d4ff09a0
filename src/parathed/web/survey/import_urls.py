"""URLs of the response import (under /partnerskaber/)."""

from django.urls import path

from parathed.web.survey import import_views as views

app_name = "imports"
urlpatterns = [
    path(
        "<slug:slug>/kommuner/<str:code>/import/",
        views.ImportUploadView.as_view(),
        name="batch-upload",
    ),
    path(
        "<slug:slug>/kommuner/<str:code>/import/<int:batch_id>/",
        views.ImportMapView.as_view(),
        name="batch-map",
    ),
    path(
        "<slug:slug>/kommuner/<str:code>/import/<int:batch_id>/annuller/",
        views.ImportCancelView.as_view(),
        name="batch-cancel",
    ),
    path(
        "<slug:slug>/kommuner/<str:code>/import/<int:batch_id>/resultat/",
        views.ImportDoneView.as_view(),
        name="batch-done",
    ),
]

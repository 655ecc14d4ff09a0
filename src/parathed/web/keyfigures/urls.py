"""URLs of the key-figure pages."""

from django.urls import path

from parathed.web.keyfigures import views

app_name = "keyfigures"
MUNICIPALITY = "partnerskaber/<slug:slug>/kommuner/<str:code>/noegletal/"
urlpatterns = [
    path(
        "partnerskaber/<slug:slug>/noegletal/",
        views.OverviewView.as_view(),
        name="overview",
    ),
    path(MUNICIPALITY, views.MunicipalityFiguresView.as_view(), name="municipality"),
    path(
        MUNICIPALITY + "skabelon.xlsx",
        views.TemplateDownloadView.as_view(),
        name="template-download",
    ),
    path(MUNICIPALITY + "upload/", views.UploadView.as_view(), name="upload"),
    path(
        MUNICIPALITY + "<int:figure_id>/bekraeft/",
        views.FigureConfirmView.as_view(),
        name="figure-confirm",
    ),
    path(
        MUNICIPALITY + "<int:figure_id>/ret/",
        views.FigureCorrectView.as_view(),
        name="figure-correct",
    ),
]

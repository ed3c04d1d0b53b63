"""URLs: the public portal per app, and the secretariat's admin."""

from django.contrib import admin
from django.urls import include, path

from portal import views

admin.site.site_header = "Dialogue Recommendations Tracker — secretariat"
admin.site.site_title = "Recommendations Tracker admin"
admin.site.index_title = "Secretariat"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("actors/", include("actors.urls")),
    path("dialogues/", include("dialogues.urls")),
    path("api/", include("api.urls")),
    path("data/", include("opendata.urls")),
    path("", include("recommendations.urls")),
]

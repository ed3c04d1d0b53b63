from django.urls import path

from recommendations import exports, feeds, views
from recommendations.caching import public_page

app_name = "recommendations"

urlpatterns = [
    path("", views.home, name="home"),
    path("recommendations/", views.recommendation_list, name="recommendation-list"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation-detail"),
    path("recommendations.csv", exports.export_csv, name="export-csv"),
    path("recommendations.json", exports.export_json, name="export-json"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:code>/", views.country_detail, name="country-detail"),
    path("indicators/", views.indicator_list, name="indicator-list"),
    path("indicators/<slug:slug>/", views.indicator_detail, name="indicator-detail"),
    path("feeds/updates/", public_page(feeds.LatestStatusUpdatesFeed()), name="feed-updates"),
    path("feeds/actors/<slug:slug>/", public_page(feeds.ActorStatusUpdatesFeed()), name="feed-actor"),
    path("feeds/themes/<slug:slug>/", public_page(feeds.ThemeStatusUpdatesFeed()), name="feed-theme"),
]

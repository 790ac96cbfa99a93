from django.urls import path

from phoihop.agenda import views

app_name = "agenda"

urlpatterns = [
    path("", views.calendar_month, name="month"),
    path("<int:year>/<int:month>/", views.calendar_month, name="month_of"),
    path("list/", views.calendar_list, name="list"),
    path("feed/", views.feed, name="feed"),
    path("feed/regenerate/", views.feed_regenerate, name="feed_regenerate"),
    path("ical/<str:token>.ics", views.ical_feed, name="ical"),
]

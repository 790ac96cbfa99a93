from django.urls import path

from phoihop.home import views

app_name = "home"

urlpatterns = [path("", views.home, name="home")]

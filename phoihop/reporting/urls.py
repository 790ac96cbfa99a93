from django.urls import path

from phoihop.reporting import views

app_name = "reporting"

urlpatterns = [
    path("programs/<int:pk>/document/", views.program_document, name="program_document"),
]

from django.urls import path

from phoihop.reporting import views

app_name = "reporting"

urlpatterns = [
    path("<id:pk>/document/", views.program_document, name="program_document"),
    path("<id:pk>/plan/", views.program_plan, name="program_plan"),
]

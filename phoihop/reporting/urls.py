from django.urls import path

from phoihop.reporting import views

app_name = "reporting"

urlpatterns = [
    path("<int:pk>/document/", views.program_document, name="program_document"),
    path("<int:pk>/plan/", views.program_plan, name="program_plan"),
]

from django.urls import path

from phoihop.articles import views

app_name = "articles"

urlpatterns = [
    path("", views.article_new, name="article_new"),
    path("<id:pk>/", views.article_review, name="article_review"),
    path("<id:pk>/extraction.json", views.article_json, name="article_json"),
]

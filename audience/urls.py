from django.urls import path

from audience import views

urlpatterns = [
    path("avis/", views.submit_feedback, name="audience_feedback"),
    path("avis/merci/", views.feedback_thanks, name="audience_feedback_thanks"),
    path("go/<int:page_id>/<slug:canal>/", views.short_link, name="audience_short_link"),
]

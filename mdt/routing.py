from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/referrals/<int:referral_id>/", consumers.ReferralConsumer.as_asgi()),
]

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("referrals", views.ReferralViewSet, basename="referral")

urlpatterns = router.urls

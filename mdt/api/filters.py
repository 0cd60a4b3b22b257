"""The referral list's filters (`GET /api/v1/referrals/`)."""

from django_filters import rest_framework as filters

from coordination.people import selectors as people_selectors
from coordination.plumbing.api.filters import ScopedFilterSet
from mdt import selectors
from mdt.models import Referral, ReferralStatus, TraffickingType, VictimStatus


class ReferralFilter(ScopedFilterSet):
    scoped_filters = {"mdt": selectors.mdt_list, "parish": people_selectors.parish_list}
    status = filters.MultipleChoiceFilter(choices=ReferralStatus.choices)
    trafficking_type = filters.ChoiceFilter(choices=TraffickingType.choices)
    victim_status = filters.ChoiceFilter(choices=VictimStatus.choices)
    received_after = filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_before = filters.DateFilter(field_name="received_on", lookup_expr="lte")
    case_code = filters.CharFilter(
        method="filter_case_code",
        max_length=16,
        help_text="Case codes holding this text, in any case.",
    )
    my_case_team = filters.BooleanFilter(
        method="filter_my_case_team", help_text="Only referrals whose case team you are on."
    )
    overdue = filters.BooleanFilter(
        method="filter_overdue", help_text="Only referrals past one of their MDT's targets."
    )
    open_recommendations = filters.BooleanFilter(
        method="filter_open_recommendations",
        help_text="Only referrals with an open recommendation.",
    )
    sort = filters.ChoiceFilter(
        method="filter_sort",
        choices=list(selectors.REFERRAL_SORT_LABELS.items()),
        help_text="The order (`newest` unless named); cursor pages follow it.",
    )

    def filter_case_code(self, queryset, name, value):
        return selectors.referrals_with_code(queryset, value)

    def filter_my_case_team(self, queryset, name, value):
        return (
            selectors.referrals_on_case_team(queryset, user=self.request.user)
            if value
            else queryset
        )

    def filter_overdue(self, queryset, name, value):
        return selectors.referrals_overdue(queryset) if value else queryset

    def filter_open_recommendations(self, queryset, name, value):
        return selectors.referrals_with_open_recommendations(queryset) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset  # the pagination orders the page (`ReferralViewSet.keyset`)

    class Meta:
        model = Referral
        fields = ["mdt", "parish", "status", "trafficking_type", "victim_status"]

"""Events of a referral's page, for its case team and whoever has it open."""


def referral_group(referral_id: int) -> str:
    return f"referral-{referral_id}"


def referral_changed(referral, *, what: str) -> dict:
    return {
        "type": "referral.changed",
        "referral": {"id": referral.pk, "case_code": referral.case_code, "status": referral.status},
        "what": what,
    }

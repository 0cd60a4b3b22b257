"""Issue 21: a training's outcome says what it means in words, not only as a p-value."""

from coordination.learning.training_results import paired_outcome


def test_a_clear_gain_is_said_with_its_range_and_size():
    pre = [40, 50, 45, 55, 60, 50, 42, 58]
    post = [70, 75, 72, 80, 85, 78, 70, 84]
    result = paired_outcome(pre, post)
    assert result["p_value"] < 0.05
    low, high = result["gain_ci95"]
    assert result["in_words"] == (
        f"A clear gain: 95% sure the true gain is between {low} and {high} points — a large effect."
    )


def test_no_clear_change_says_it_could_be_chance():
    pre = [50, 60, 55, 65, 70, 52]
    post = [55, 58, 57, 63, 72, 53]
    result = paired_outcome(pre, post)
    assert result["p_value"] >= 0.05
    assert result["in_words"].startswith("No clear change yet: the difference could be chance.")

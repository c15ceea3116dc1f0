import numpy as np
import pytest

from snippets.logistic_regression.training import model


@pytest.fixture(scope="module")
def trained(separable_split):
    s = separable_split
    return model(s.X_train, s.Y_train, s.X_test, s.Y_test, num_iterations=2000, learning_rate=0.5)


def test_reaches_99_percent_accuracy_on_separable_data(trained):
    assert trained["train_accuracy"] >= 0.99
    assert trained["test_accuracy"] >= 0.99


def test_accuracy_is_the_share_of_correct_predictions(trained, separable_split):
    s = separable_split
    assert trained["train_accuracy"] == np.mean(trained["Y_prediction_train"] == s.Y_train)
    assert trained["test_accuracy"] == np.mean(trained["Y_prediction_test"] == s.Y_test)


def test_returns_every_key_of_the_course_model(trained, separable_split):
    s = separable_split
    assert {"costs", "w", "b", "Y_prediction_train", "Y_prediction_test", "learning_rate", "num_iterations"} <= set(trained)
    assert trained["w"].shape == (s.X_train.shape[0], 1)
    assert trained["Y_prediction_train"].shape == s.Y_train.shape
    assert trained["Y_prediction_test"].shape == s.Y_test.shape
    assert len(trained["costs"]) == 20
    assert (trained["learning_rate"], trained["num_iterations"]) == (0.5, 2000)


def test_learned_direction_points_like_the_true_one(trained, separable_split):
    w, w_true = trained["w"].ravel(), separable_split.w_true.ravel()
    assert np.dot(w, w_true) / (np.linalg.norm(w) * np.linalg.norm(w_true)) > 0.95


def test_train_and_test_with_different_n_x_are_rejected(separable_split):
    s = separable_split
    with pytest.raises(ValueError, match="X_train has n_x = 5 features but X_test has 4"):
        model(s.X_train, s.Y_train, s.X_test[:4], s.Y_test, num_iterations=1)

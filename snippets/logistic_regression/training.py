"""The whole model: initialise, optimise, predict, and measure accuracy."""
from __future__ import annotations

import numpy as np

from snippets.logistic_regression.gradient_descent import optimize
from snippets.logistic_regression.initialization import initialize_with_zeros
from snippets.logistic_regression.prediction import predict
from snippets.logistic_regression.validation import check_examples, check_labels


# --8<-- [start:model]
def model(X_train, Y_train, X_test, Y_test, num_iterations: int = 2000, learning_rate: float = 0.5) -> dict:
    """Train on (X_train, Y_train), then predict both sets; accuracies are fractions in [0, 1]."""
    X_train, X_test = check_examples(X_train), check_examples(X_test)
    Y_train, Y_test = check_labels(Y_train, X_train), check_labels(Y_test, X_test)
    if X_test.shape[0] != X_train.shape[0]:
        raise ValueError(
            f"X_train has n_x = {X_train.shape[0]} features but X_test has {X_test.shape[0]}"
        )

    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    w, b = params["w"], params["b"]

    Y_prediction_train = predict(w, b, X_train)
    Y_prediction_test = predict(w, b, X_test)
    return {
        "costs": costs,
        "w": w,
        "b": b,
        "Y_prediction_train": Y_prediction_train,
        "Y_prediction_test": Y_prediction_test,
        "train_accuracy": float(np.mean(Y_prediction_train == Y_train)),
        "test_accuracy": float(np.mean(Y_prediction_test == Y_test)),
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
# --8<-- [end:model]

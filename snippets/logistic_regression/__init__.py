"""Logistic regression as a one-neuron network, written with numpy as in week 2 of the course.

Shapes follow the course: X is (n_x, m), one example per column; Y is (1, m); w is (n_x, 1).
"""
from snippets.logistic_regression.gradient_descent import optimize
from snippets.logistic_regression.initialization import initialize_with_zeros
from snippets.logistic_regression.prediction import predict
from snippets.logistic_regression.propagation import propagate
from snippets.logistic_regression.training import model

__all__ = ["initialize_with_zeros", "model", "optimize", "predict", "propagate"]

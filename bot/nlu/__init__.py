"""Understanding messages: the training examples, training the model, the held-out
evaluation with its report and history, and the generated lookup tables.

May import: directory, rights, knowledge and the top-level helpers.
"""

"""What a household may receive: the estimate questions, reading the answers people type
(children, incomes, household) and the estimated amounts.

May import: knowledge and the top-level helpers (never directory, which is on the same layer).
"""

"""Rasa 3.6.21's own code replaced where it costs more than it must, in one place with one version guard:
the Rasa server's speed-ups (`serving`), the training's shortcuts (`training`), and the guard that
refuses to install any of them on another Rasa version (`version`). Each patch changes a cost, never
a result; tests/rasa_patches/ checks that what is replaced still exists and gives the same result.

May import: the top-level helpers only (and Rasa itself).
"""

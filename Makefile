# The two commands of the README: `make run` and `make test`. Both do the set-up.
SHELL := /bin/bash
VENV := .venv/bin
PY := $(VENV)/python

.PHONY: help setup setup-dev lint run cluster test train validate shell evaluate compare-pipelines bench lookups facts-to-check lock clean

help:
	@echo "make run      installe si besoin, entraîne si besoin, lance l'assistant (Ctrl-C pour arrêter)"
	@echo "make test     installe si besoin, entraîne si besoin, lance toute la suite de tests"
	@echo "make cluster  plusieurs instances derrière HAProxy, conversations dans PostgreSQL (docs/deployment.md)"
	@echo "make shell    discuter avec l'assistant dans le terminal"
	@echo "make train    entraîner le modèle si les données ou la configuration ont changé"
	@echo "make lint     ruff (règles et mise en forme) et mypy sur bot/"
	@echo "make validate vérifier les données (bot check : rasa data validate + règles du projet)"
	@echo "make evaluate évaluer la compréhension sur le jeu de test (bot evaluate, rapport dans results/evaluation/)"
	@echo "make compare-pipelines  comparer le pipeline avec et sans spaCy (docs/pipeline.md)"
	@echo "make bench    mesures : entraînement, taille, démarrage, mémoire, temps de réponse, coût d'un tour, cluster"
	@echo "make facts-to-check  chiffres affichés avec « à vérifier » et chiffres périmés"

setup:
	@bash scripts/setup.sh

setup-dev:
	@bash scripts/setup.sh --dev

run: setup
	@$(VENV)/bot db init
	@$(PY) -m bot.runtime.serve

cluster: setup
	@$(VENV)/bot db init
	@$(PY) -m bot.runtime.serve_cluster

test: lint train
	@$(VENV)/bot check
	@$(PY) -m pytest

lint: setup-dev
	@$(VENV)/ruff check .
	@$(VENV)/ruff format --check .
	@$(VENV)/mypy

train: setup
	@$(PY) -m bot.nlu.training

validate: setup
	@$(VENV)/bot check

evaluate: setup
	@$(VENV)/bot evaluate

shell: setup
	@$(PY) -m bot.runtime.shell

compare-pipelines: setup
	@$(PY) scripts/compare_pipelines.py

bench: setup-dev train
	@$(PY) scripts/bench.py
	@$(PY) scripts/bench_directory.py
	@$(PY) scripts/bench_rules.py
	@$(PY) scripts/bench_turn.py
	@$(PY) scripts/bench_cluster.py

lookups: setup
	@$(PY) -m bot.nlu.lookups

facts-to-check: setup
	@$(PY) -m bot.runtime.with_rules bot.checks.facts_to_check

lock:
	@bash scripts/lock.sh

clean:
	rm -rf results models/*.tar.gz

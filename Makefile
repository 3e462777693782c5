# The two commands of the README. Everything else lives in bin/dev.
.PHONY: run test setup lint format messages

run:
	@bin/dev run

test:
	@bin/dev test $(ARGS)

setup:
	@bin/dev setup

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

# Collect new strings into the German catalogue (then translate them in locale/de/…/django.po).
messages:
	DEBUG=1 .venv/bin/python manage.py makemessages -l de --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete

# The load test (bench/, README "Benchmark"): FRESH=1 loads its data anew, SCENARIOS=a,b runs
# a subset, DURATION=seconds per scenario, COMPARE=var/bench/<run>.json shows the change.
.PHONY: bench
bench:
	@bin/dev bench $(if $(FRESH),--fresh) $(if $(SCENARIOS),--scenarios $(SCENARIOS)) \
		$(if $(DURATION),--duration $(DURATION)) $(if $(COMPARE),--compare $(COMPARE))

"""`make bench`: the load test of the portal (see __main__.py and README, "Benchmark").

Not a Django app and not part of the deployed site: a tool beside `bin/dev`, run from the
checkout. `scenarios.py` is the list of what is measured; later issues add their pages there.
"""

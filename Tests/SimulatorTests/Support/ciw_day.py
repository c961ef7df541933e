"""The non-stationary two-service day of CiwComparisonTests, run by Ciw (an independent
discrete-event simulator). Prints per service the mean wait (seconds) over replications and
its 95% confidence half-width, as JSON. Time unit: minutes from 08:00."""
import json
import math
import statistics
import sys

import ciw

reps = int(sys.argv[1])
# Rates per minute over [0,120), [120,240), [240,420); none after (until 1440).
a_rates = [40 / 60, 25 / 60, 10 / 60, 0.0]
b_rates = [12 / 60, 6 / 60, 6 / 60, 0.0]
ends = [120, 240, 420, 1440]
# B: lognormal, mean 8 min, cv 0.5, as parameters of the underlying normal.
sigma2 = math.log(1 + 0.5**2)
mu = math.log(8.0) - sigma2 / 2

means = {"A": [], "B": []}
for r in range(reps):
    ciw.seed(1000 + r)
    network = ciw.create_network(
        arrival_distributions=[
            ciw.dists.PoissonIntervals(a_rates, ends, max_sample_date=1440),
            ciw.dists.PoissonIntervals(b_rates, ends, max_sample_date=1440),
        ],
        service_distributions=[ciw.dists.Exponential(rate=1 / 4.0), ciw.dists.Lognormal(mu, math.sqrt(sigma2))],
        number_of_servers=[3, 2],
        routing=[[0.0, 0.0], [0.0, 0.0]],
    )
    sim = ciw.Simulation(network)
    sim.simulate_until_max_time(1440)
    for node, name in ((1, "A"), (2, "B")):
        waits = [rec.waiting_time for rec in sim.get_all_records() if rec.node == node]
        if waits:
            means[name].append(60 * statistics.fmean(waits))

out = {}
for name, xs in means.items():
    m = statistics.fmean(xs)
    half = 1.96 * statistics.stdev(xs) / math.sqrt(len(xs))
    out[name] = {"mean_s": m, "half_s": half, "reps": len(xs)}
print(json.dumps(out))

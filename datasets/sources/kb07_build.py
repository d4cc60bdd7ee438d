"""Builds datasets/kb07.{csv,arrow} from the transcribed RePsychLing copy (see datasets/README.md)."""
import sys, statistics
import pyarrow as pa, pyarrow.ipc as ipc

ids = dict(zip(
    "AA AB AC AD AE AF AG AH AI AJ AK AL AM AN AO AP AQ AR AS AT AU AV AW AX AY AZ Aa Ab Ac Ad Ae Af Ag Ah Ai Aj "
    "Ak Al Am An Ao Ap Aq Ar As At Au Av Aw Ax Ay Az BA BB BC BD".split(),
    [30, 31, 34, 35, 36, 37, 38, 39, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 61, 64, 65, 66,
     67, 68, 69, 70, 72, 73, 74, 75, 76, 78, 80, 81, 82, 83, 85, 86, 88, 89, 91, 93, 94, 95, 96, 97, 98, 100, 101,
     102, 103]))
cycle = [(1, -1, 1), (-1, 1, -1), (-1, -1, -1), (1, 1, -1), (1, -1, -1), (-1, 1, 1), (-1, -1, 1), (1, 1, 1)]
rows = []
for part in (sys.argv[2],):
    for line in open(part):
        f = line.split()
        code, phase, rts = f[0], int(f[1]), f[2:]
        assert len(rts) == 32, code
        for i, rt in enumerate(rts):
            if rt == "-":
                continue
            s, t, u = cycle[(phase + i) % 8]
            rows.append((code, i, s, t, u, float(rt)))
assert len(rows) == 1790, len(rows)
assert len({r[0] for r in rows}) == 56 and len(ids) == 56
def mean_by(k, sign):
    return statistics.mean(r[5] for r in rows if r[k] == sign)
for k, name in ((2, "spkr"), (3, "prec"), (4, "load")):
    print(name, "+1:", round(mean_by(k, 1), 1), "-1:", round(mean_by(k, -1), 1), file=sys.stderr)
rows = [r for r in rows if r[5] >= 579]   # the one implausibly fast response (336 ms) that MixedModelsDatasets drops
assert len(rows) == 1789
subj = ["S%03d" % ids[r[0]] for r in rows]
item = ["I%02d" % (r[1] + 1) for r in rows]
# The level with the longer mean response (old speaker, broken precedent, under load; Kronmueller & Barr 2007,
# Table 3) fixes the sign of each code.
def labels(k, slow, fast):
    sign = 1 if mean_by(k, 1) > mean_by(k, -1) else -1
    return [slow if r[k] == sign else fast for r in rows]
spkr, prec, load = labels(2, "old", "new"), labels(3, "break", "maintain"), labels(4, "yes", "no")
rt = [r[5] for r in rows]
schema = pa.schema([pa.field(n, t, nullable=False) for n, t in
                    (("subj", pa.string()), ("item", pa.string()), ("spkr", pa.string()), ("prec", pa.string()),
                     ("load", pa.string()), ("rt_trunc", pa.float64()))])
table = pa.table([subj, item, spkr, prec, load, rt], schema=schema)
with ipc.new_file(sys.argv[1] + "/kb07.arrow", schema) as w:
    w.write_table(table)
def fmt(x):
    return repr(x)
with open(sys.argv[1] + "/kb07.csv", "w") as out:
    out.write("subj,item,spkr,prec,load,rt_trunc\n")
    for row in zip(subj, item, spkr, prec, load, rt):
        out.write(",".join(row[:5]) + "," + fmt(row[5]) + "\n")
print(len(rows), min(rt), statistics.mean(rt), max(rt), file=sys.stderr)

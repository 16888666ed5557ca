# Min / median / max of each benchmark's measured iterations, from a BenchmarkDotNet log:
#   python3 iterations.py BenchmarkDotNet.Artifacts/<run>.log
# (the tables give mean and spread; a row that flipped between the host's fast and slow windows shows here)
import re,sys,statistics
cur=None; rows={}
order=[]
for line in open(sys.argv[1]):
    m=re.match(r'// Benchmark: (\w+)\.(\w+): Job-\w+\([^)]*\)(?: \[(.*)\])?',line)
    if m:
        cur=(m.group(1).replace('Benchmarks',''),m.group(2),m.group(3) or '')
        rows[cur]=[]; order.append(cur); continue
    m=re.match(r'WorkloadActual\s+\d+: \d+ op, [\d.]+ ns, ([\d.,]+) (ns|us|ms)/op',line)
    if m and cur:
        v=float(m.group(1).replace(',',''))*{'ns':1,'us':1000,'ms':1e6}[m.group(2)]
        rows[cur].append(v)
for k in order:
    v=rows[k]
    if v: print(f"{k[0]:14} {k[2]:14} {k[1]:13} n={len(v)} min={min(v):9.1f} median={statistics.median(v):9.1f} max={max(v):9.1f}")

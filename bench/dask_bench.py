"""Articles/s of the Dask driver (crosscheck.dask) on a LocalCluster of 1, 2 and 4 worker
processes, against the plain CLI ingest of the same articles, each into a new store.

    PYTHONPATH=build/python /usr/bin/python3 bench/dask_bench.py [--articles 10000] [--workers 1,2,4]

The articles are the generated corpus of build/bench/ingest_bench (made once, under
--work); the cluster's start and the workers' first load of the word lists are left
out of the times (a warm-up task), as a long-running cluster would have paid them.
Last, the driver's share alone: the articles prepared in this process as workers
prepare them (crosscheck.prepare), then the CPU time of Store.add_prepared, the
driver's whole work per article, and the bytes a worker sends per article.
"""

import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(os.path.dirname(HERE), "build")


def corpus(articles, work):
    """The folder of generated articles, made by ingest_bench (which also times its own ingest)."""
    folder = os.path.join(work, "corpus-%d-1" % articles, "part-00")
    if not os.path.exists(os.path.join(work, "corpus-%d-1" % articles, "complete")):
        subprocess.run([os.path.join(BUILD, "bench", "ingest_bench"), "--articles", str(articles), "--parts", "1",
                        "--work", work], check=True, stdout=subprocess.DEVNULL)
    return folder


def fresh(path):
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--work", default=os.path.join(BUILD, "bench-data", "dask"))
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    folder = corpus(args.articles, args.work)
    n = len(os.listdir(folder))
    db = os.path.join(args.work, "bench.db")

    import crosscheck
    import crosscheck.dask as ccdask
    from dask.distributed import Client, LocalCluster

    print("%d articles, %d cores; %s" % (n, os.cpu_count(), time.strftime("%Y-%m-%d %H:%M")))
    for threads in (1, 0):
        start = time.monotonic()
        subprocess.run([os.path.join(BUILD, "crosscheck"), "ingest", "--db", fresh(db), "--threads", str(threads),
                        folder], check=True, stderr=subprocess.DEVNULL)
        seconds = time.monotonic() - start
        print("CLI ingest --threads %d: %.1f s, %.0f articles/s" % (threads, seconds, n / seconds))
    for workers in [int(w) for w in args.workers.split(",")]:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        # Each worker loads crosscheck and its word lists before the clock starts.
        client.run(lambda: crosscheck.extract("Warm-up text for the word lists."))
        start = time.monotonic()
        # Parts of 256 KiB: about 110 articles a task, several tasks a worker.
        counts = ccdask.ingest(client, fresh(db), [folder], part_bytes=256 << 10)
        seconds = time.monotonic() - start
        print("Dask, %d worker process(es): %.1f s, %.0f articles/s (%d stored)" %
              (workers, seconds, n / seconds, counts["stored"]))
        client.close()
        cluster.close()
    with crosscheck.Store(db) as store:
        print("stories in the last store: %d" % len(store.stories()))

    start = time.process_time()
    prepared, _ = crosscheck.prepare([folder])
    worker = time.process_time() - start
    with crosscheck.Store(fresh(db), writable=True) as store:
        start = time.process_time()
        store.add_prepared(prepared)
        driver = time.process_time() - start
    size = sum(len(p) for p in prepared)
    print("per article: worker (read, extract, prepare) %.3f CPU ms, driver (Store.add_prepared) %.3f CPU ms; "
          "%.0f bytes sent" % (1000 * worker / n, 1000 * driver / n, size / n))


if __name__ == "__main__":
    sys.exit(main())

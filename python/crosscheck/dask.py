"""crosscheck's per-article stages on a dask.distributed cluster, one store fed by the driver.

    python -m crosscheck.dask ingest --scheduler tcp://10.0.0.5:8786 --db news.db feeds/ pages/
    python -m crosscheck.dask ingest --local 2 --db news.db feeds/    # a LocalCluster of 2 processes

The driver lists the inputs as the CLI does (a folder stands for every file below it, in
sorted order, without hidden files and files that are clearly not articles) and cuts
them into parts of about --part-bytes: consecutive files grouped, and a plain JSONL file
larger than that cut into runs of whole lines, so that one large feed is many tasks.
Each part is one task: a worker reads it as ``crosscheck ingest`` reads files and does
all the per-article work of an ingest (extraction, cleaning, segmentation, entities and
story features, shingles and the MinHash signature: crosscheck.prepare), and sends
back each article prepared, as bytes
(the ``crosscheck.prepared/1`` format: the stored fields and text, the story features,
the shingles and the signature; docs/distributed.md gives its size).

The driver takes the parts' results in input order, each as soon as it and those before
it are done, and gives the prepared articles to one Store.add_prepared, which reads
nothing again: exact and near-duplicates (the LSH lookup of each signature) and the
online story clustering run there, one article after another, as in ``crosscheck
ingest``. Clustering stays one sequential step rather than being partitioned by time
window: each article's story depends on every story before it (a story that runs for
weeks must meet its later articles), a window's edge would split such stories, and the
step is cheap next to the per-article work. The result is the store a single-process
ingest of the same inputs makes: the same articles, in the same order, in the same
stories (the tests check it on a LocalCluster of two worker processes).

Workers need the crosscheck module too (installed, or PYTHONPATH naming build/python).
"""

import argparse
import os
import sys

from . import Store, _crosscheck, _flags

# A plain JSONL file larger than this is cut into parts of about this size (whole
# lines): smaller parts spread one feed over more workers, at the cost of a task
# (a few milliseconds of scheduling) each.
DEFAULT_PART_BYTES = 16 << 20

def list_inputs(inputs):
    """The files INPUTs stand for, as the CLI lists them: (files, problems)."""
    files, problems = _crosscheck.list_inputs(list(inputs))
    return list(files), list(problems)


def _is_plain_jsonl(path):
    return path.lower().endswith((".jsonl", ".ndjson"))


def partition(files, part_bytes=DEFAULT_PART_BYTES):
    """Parts of work, in input order: (paths, None) for whole files, consecutive ones
    grouped up to about part_bytes (a task per 2 KB article would cost more to schedule
    than to run), and (path, (start, end, first_line)) for a run of lines of a large
    plain JSONL file (byte offsets, and the number of its first line)."""
    parts, group, group_bytes = [], [], 0

    def close_group():
        nonlocal group, group_bytes
        if group:
            parts.append((group, None))
        group, group_bytes = [], 0

    for path in files:
        size = os.path.getsize(path) if os.path.isfile(path) else 0
        if not _is_plain_jsonl(path) or size <= part_bytes:
            if group and group_bytes + size > part_bytes:
                close_group()
            group.append(path)
            group_bytes += size
            continue
        close_group()
        with open(path, "rb") as f:
            start, line = 0, 1
            while start < size:
                f.seek(min(start + part_bytes, size))
                f.readline()  # to the end of the line the cut falls in
                end = min(f.tell(), size)
                f.seek(start)
                lines = f.read(end - start).count(b"\n")
                parts.append((path, (start, end, line)))
                start, line = end, line + lines
    close_group()
    return parts


def read_part(part, glue_repair=True):
    """A worker's task: the articles of one part, prepared (bytes of crosscheck.prepared/1),
    and the problems reported, as the CLI words them."""
    path, span = part
    flags = _flags(glue_repair=glue_repair)
    if span is None:
        prepared, problems = _crosscheck.prepare_paths(list(path), flags)
        return list(prepared), list(problems)
    start, end, first_line = span
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    prepared, problems = [], []
    for k, line in enumerate(data.split(b"\n")):
        if not line.strip():
            continue
        where = "%s: line %d" % (path, first_line + k)
        try:
            # The line's bytes as they are: a line that is not UTF-8 is refused by
            # the record reader with the CLI's message, not by Python.
            text = line.decode("utf-8", "surrogateescape")
            article, warned = _crosscheck.prepare_record(text, where, flags)
            prepared.append(article)
            problems += warned
        except (UnicodeError, _crosscheck.Error) as e:
            problems.append(str(e) if isinstance(e, _crosscheck.Error) else "%s: invalid input: not valid UTF-8, "
                            "as JSON must be; skipped" % where)
    return prepared, problems


def ingest(client, db, inputs, part_bytes=DEFAULT_PART_BYTES, on_problem=None):
    """Ingests INPUTs into the store `db` with the workers of a dask.distributed Client.

    Returns the counts of Store.add_prepared, with the problems of every part under "problems".
    """
    files, problems = list_inputs(inputs)
    if on_problem:
        for p in problems:
            on_problem(p)
    parts = partition(files, part_bytes)
    futures = client.map(read_part, parts, pure=False)

    def prepared():
        # In input order: each part as soon as it and those before it are done;
        # a part's results are dropped from the cluster once taken.
        for future in futures:
            part_prepared, part_problems = future.result()
            future.release()
            for p in part_problems:
                problems.append(p)
                if on_problem:
                    on_problem(p)
            yield from part_prepared

    with Store(db, writable=True) as store:
        counts = store.add_prepared(prepared())
    counts["problems"] = problems + counts["problems"]
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m crosscheck.dask",
        description="Run crosscheck's per-article stages on a dask.distributed cluster and feed one store.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="read INPUTs on the workers, store and cluster them here")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="the scheduler's address (tcp://HOST:8786)")
    where.add_argument("--local", type=int, metavar="N", help="start a LocalCluster of N worker processes")
    p.add_argument("--db", required=True, help="the store (created when missing)")
    p.add_argument("--part-bytes", type=int, default=DEFAULT_PART_BYTES,
                   help="cut plain JSONL files larger than this into parts of about this size (bytes)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files and folders, as crosscheck ingest takes them")
    args = parser.parse_args(argv)

    from dask.distributed import Client, LocalCluster
    cluster = None
    if args.local:
        cluster = LocalCluster(n_workers=args.local, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(args.scheduler)
    try:
        counts = ingest(client, args.db, args.inputs, args.part_bytes,
                        on_problem=lambda m: print("crosscheck: " + m, file=sys.stderr))
    except _crosscheck.Error as e:
        print("crosscheck: " + str(e), file=sys.stderr)
        return 6
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print("crosscheck: read %d article(s): %d stored (%d copies), %d left out as already stored; "
          "%d new stories, %d grown, %d merged" %
          (counts["read"], counts["stored"], counts["copies"], counts["same_text"] + counts["same_url"],
           counts["stories_created"], counts["stories_grown"], counts["stories_merged"]), file=sys.stderr)
    return 0 if counts["read"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())

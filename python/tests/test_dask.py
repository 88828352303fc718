"""The Dask driver on a real LocalCluster of two worker processes: the same stories as a
single-process ingest of the same inputs."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from support import SOURCE_DIR, crosscheck

try:
    from dask.distributed import Client, LocalCluster
    import crosscheck.dask as ccdask
except ImportError as e:
    raise unittest.SkipTest("dask.distributed is not importable (%s): apt-get install python3-distributed" % e)

INPUTS = [os.path.join(SOURCE_DIR, "examples", "story") + "/", os.path.join(SOURCE_DIR, "examples", "stream") + "/"]


def story_members(db):
    """Each story as the set of its articles' paths."""
    with crosscheck.Store(db) as store:
        return sorted(sorted(a["path"] for a in store.brief(s["story"])["articles"]) for s in store.stories())


class DaskTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Worker processes import crosscheck through the PYTHONPATH they inherit.
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        cls.client = Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="crosscheck_dask_")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_a_cluster_ingest_makes_the_stories_of_one_process(self):
        alone = os.path.join(self.dir, "alone.db")
        with crosscheck.Store(alone, writable=True) as store:
            want = store.ingest(INPUTS)
        spread = os.path.join(self.dir, "spread.db")

        def on_workers():
            return sum(self.client.run(lambda: crosscheck._crosscheck.articles_prepared()).values())
        here, there = crosscheck._crosscheck.articles_prepared(), on_workers()
        # Parts of 600 bytes cut the JSONL feed of the stream into several tasks.
        got = ccdask.ingest(self.client, spread, INPUTS, part_bytes=600)
        # The workers prepared every article; the driver only stored them.
        self.assertEqual(crosscheck._crosscheck.articles_prepared(), here)
        self.assertEqual(on_workers() - there, got["read"])
        files = ccdask.list_inputs(INPUTS)[0]
        self.assertEqual(sum(len(p) for p, span in ccdask.partition(files, 1 << 20) if span is None), len(files))
        self.assertGreater(len([p for p, span in ccdask.partition(files, 600) if span is not None]), 2)
        for key in ("read", "stored", "copies", "stories_created"):
            self.assertEqual(got[key], want[key], key)
        self.assertEqual(got["problems"], want["problems"])
        members = story_members(alone)
        self.assertGreater(len(members), 3)
        self.assertEqual(story_members(spread), members)

    def test_bad_lines_of_a_cut_feed_are_reported_as_ingest_reports_them(self):
        feed = os.path.join(self.dir, "feed.jsonl")
        with open(feed, "w", encoding="utf-8") as f:
            for i in range(6):
                f.write('{"id": "r%d", "text": "Report %d: the council voted on Tuesday to repair the old bridge '
                        'over the river, the mayor said."}\n' % (i, i))
                if i == 3:
                    f.write('{"id": "broken", "text": \n')
        alone = os.path.join(self.dir, "alone.db")
        with crosscheck.Store(alone, writable=True) as store:
            want = store.ingest([feed])
        got = ccdask.ingest(self.client, os.path.join(self.dir, "spread.db"), [feed], part_bytes=150)
        self.assertEqual(got["problems"], want["problems"])
        self.assertEqual(len(got["problems"]), 1)
        self.assertIn("feed.jsonl: line 5: invalid input: not valid JSON", got["problems"][0])
        self.assertEqual(got["stored"], want["stored"])

    def test_the_command_line(self):
        db = os.path.join(self.dir, "cli.db")
        run = subprocess.run([sys.executable, "-m", "crosscheck.dask", "ingest", "--local", "2", "--db", db] + INPUTS,
                             capture_output=True, text=True, timeout=240)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("crosscheck: read 25 article(s): 24 stored", run.stderr)
        with crosscheck.Store(db) as store:
            self.assertEqual(store.article_count(), 24)
        run = subprocess.run([sys.executable, "-m", "crosscheck.dask", "ingest", "--db", db] + INPUTS,
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(run.returncode, 2)  # --scheduler or --local is needed


if __name__ == "__main__":
    unittest.main()

"""The Python module against the CLI it wraps: the same records, briefs, stories and
messages for the same input, and the GIL released while it works."""

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest

from support import BINARY, SOURCE_DIR, crosscheck

STORY = os.path.join(SOURCE_DIR, "examples", "story")
STREAM = os.path.join(SOURCE_DIR, "examples", "stream")

REPORT = {
    "id": "w1",
    "title": "Council votes to repair the old bridge",
    "published": "2025-03-11",
    "text": "The city council voted on Tuesday to repair the old bridge over the Carrow river. "
            "\"We cannot wait any longer,\" Mayor Ana Ruiz said after the vote. Work starts next month "
            "and will cost 4 million euros, the council said.",
}


def cli(*args, stdin=""):
    """The CLI's exit code, stdout and stderr."""
    run = subprocess.run([BINARY] + list(args), input=stdin.encode(), capture_output=True, cwd=SOURCE_DIR,
                         timeout=120)
    return run.returncode, run.stdout.decode(), run.stderr.decode()


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class ArticlesTest(unittest.TestCase):
    def test_extract_and_annotate_give_the_cli_records(self):
        line = json.dumps(REPORT)
        for verb, call in (("extract", crosscheck.extract), ("annotate", crosscheck.annotate)):
            args = ["extract", "--format", "json", "-"] if verb == "extract" else ["annotate"]
            code, out, err = cli(*args, stdin=line + "\n")
            self.assertEqual(code, 0, err)
            self.assertEqual(call(REPORT, path="-: line 1"), json_lines(out)[0], verb)

    def test_a_text_and_a_files_bytes(self):
        path = os.path.join(STORY, "03_northern_ledger.txt")
        with open(path, "rb") as f:
            raw = f.read()
        code, out, err = cli("extract", "--annotate", path)
        self.assertEqual(code, 0, err)
        want = json_lines(out)[0]
        self.assertEqual(crosscheck.annotate(raw, path=path), want)
        self.assertEqual(crosscheck.extract(raw, path=path)["text"], want["text"])
        article = crosscheck.extract(REPORT["text"], published="2025-03-11")
        self.assertEqual(article["id"], "A1")
        self.assertEqual(article["published"], "2025-03-11")

    def test_annotate_of_extract_is_extract_with_annotations(self):
        article = crosscheck.extract(REPORT)
        self.assertNotIn("annotations", article)
        annotated = crosscheck.annotate(article)
        self.assertEqual(annotated["annotations"], crosscheck.annotate(REPORT)["annotations"])
        quotes = annotated["annotations"]["quotes"]
        self.assertEqual([q["speaker"] for q in quotes], ["Ana Ruiz"])
        text = annotated["text"]
        for q in quotes:
            self.assertEqual(text[q["start"]:q["end"]], q["text"])

    def test_read_gives_what_extract_prints(self):
        code, out, err = cli("extract", "--format", "json", "examples/story/", "examples/stream/")
        self.assertEqual(code, 0, err)
        articles, problems = crosscheck.read([STORY + "/", STREAM + "/"])
        self.assertEqual(problems, [])
        want = json_lines(out)
        self.assertEqual(len(articles), len(want))
        for got, expected in zip(articles, want):
            expected.pop("path")
            got.pop("path")
            self.assertEqual(got, expected)
        missing, problems = crosscheck.read(["no/such/file.txt"])
        self.assertEqual(missing, [])
        code, _, err = cli("extract", "no/such/file.txt")
        self.assertEqual(code, 1)
        self.assertEqual(["crosscheck: " + p for p in problems], err.splitlines()[:1])

    def test_errors_carry_the_cli_message(self):
        cases = [
            {"id": "x", "title": "A headline and nothing else"},
            {"id": "y", "text": "   "},
            {"id": "z", "text": "A day.", "published": "last spring"},
        ]
        for record in cases[:2]:
            code, _, err = cli("annotate", stdin=json.dumps(record) + "\n")
            self.assertEqual(code, 1)
            with self.assertRaises(crosscheck.Error) as raised:
                crosscheck.annotate(record, path="-: line 1")
            self.assertEqual("crosscheck: " + str(raised.exception), err.splitlines()[0], record)
        # A date that is no date is left out, with a warning, as the CLI reports it.
        code, out, err = cli("annotate", stdin=json.dumps(cases[2]) + "\n")
        with self.assertWarns(crosscheck.CrosscheckWarning) as warned:
            article = crosscheck.annotate(cases[2], path="-: line 1")
        self.assertEqual(article, json_lines(out)[0])
        self.assertIsNone(article["published"])
        self.assertEqual("crosscheck: " + str(warned.warning), err.splitlines()[0])
        with self.assertRaises(TypeError):
            crosscheck.extract(42)

    def test_signatures_estimate_the_jaccard_of_stem_shingles(self):
        # Two versions of one report: the estimate is close to the exact Jaccard of
        # their 5-stem shingles, computed here from the stems extract gives.
        articles, _ = crosscheck.read([os.path.join(STORY, name) for name in sorted(os.listdir(STORY))], tokens=True)

        def shingles(article):
            stems = [t["stem"] for s in article["sentences"] for t in s["tokens"] if "stem" in t]
            return {tuple(stems[i:i + 5]) for i in range(len(stems) - 4)}

        signatures = [crosscheck.signature(a) for a in articles]
        for sig, n in signatures:
            self.assertEqual(len(sig), 512)
        for i in range(len(articles)):
            self.assertEqual(signatures[i][1], len(shingles(articles[i])))
            for j in range(i + 1, len(articles)):
                a, b = shingles(articles[i]), shingles(articles[j])
                exact = len(a & b) / len(a | b)
                estimate = crosscheck.jaccard(signatures[i][0], signatures[j][0])
                self.assertAlmostEqual(estimate, exact, delta=0.15, msg=(i, j))
        self.assertEqual(crosscheck.jaccard(signatures[0][0], signatures[0][0]), 1.0)
        with self.assertRaises(crosscheck.Error):
            crosscheck.jaccard(b"short", signatures[0][0])


class BriefTest(unittest.TestCase):
    def test_the_brief_of_read_articles_is_the_cli_brief(self):
        code, out, err = cli("brief", "--format", "json", "--words", "80", "examples/story/")
        self.assertEqual(code, 0, err)
        want = json.loads(out)
        articles, _ = crosscheck.read([STORY + "/"])
        got = crosscheck.brief(articles, words=80)
        for key in ("schema", "story", "summary", "quotes", "timeline", "conflicts"):
            self.assertEqual(got[key], want[key], key)
        markdown = crosscheck.brief(articles, format="markdown")
        self.assertTrue(markdown.startswith("# "))
        self.assertTrue(crosscheck.brief(articles, format="html").startswith("<!DOCTYPE html>"))
        with self.assertRaises(crosscheck.Error):
            crosscheck.brief([])
        with self.assertRaises(crosscheck.Error):
            crosscheck.brief(articles, format="pdf")


class StoreTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="crosscheck_py_")
        self.db = os.path.join(self.dir, "news.db")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_the_store_answers_as_the_cli_does(self):
        with crosscheck.Store(self.db, writable=True) as store:
            counts = store.ingest([STORY + "/", STREAM + "/"])
            self.assertEqual(counts["problems"], [])
            self.assertGreater(counts["stored"], 10)
            self.assertEqual(store.article_count(), counts["stored"])
        code, out, err = cli("stories", "--db", self.db, "--format", "json")
        self.assertEqual(code, 0, err)
        want = json_lines(out)
        with crosscheck.Store(self.db) as store:
            stories = store.stories()
            self.assertEqual([s["story"] for s in stories], [w["story"] for w in want])
            self.assertEqual([s["articles"] for s in stories], [w["articles"] for w in want])
            top = stories[0]["story"]
            code, out, err = cli("brief", "--db", self.db, "--story", str(top), "--format", "json")
            self.assertEqual(code, 0, err)
            self.assertEqual(store.brief(top), json.loads(out))
            hits = store.search("spillway", limit=5)
            self.assertTrue(hits)
            self.assertTrue(all("[" in h["snippet"] for h in hits))
            story = hits[0]["story"]
            self.assertEqual({h["story"] for h in store.search("spillway", story=story)}, {story})
            with self.assertRaises(crosscheck.Error) as raised:
                store.brief(987654)
            self.assertIn("no story 987654 in this store", str(raised.exception))
            with self.assertRaises(crosscheck.Error):
                store.ingest([STORY])  # opened for reading

    def test_added_records_make_the_stories_of_an_ingest(self):
        # The same articles as dicts (as workers would send them) or as files.
        articles, _ = crosscheck.read([STORY + "/", STREAM + "/"])
        other = os.path.join(self.dir, "other.db")
        with crosscheck.Store(self.db, writable=True) as store:
            store.ingest([STORY + "/", STREAM + "/"], threads=1)
        with crosscheck.Store(other, writable=True) as store:
            counts = store.add(articles)
            self.assertEqual(counts["read"], len(articles))
        # One story alone in a new store: the young store's word weights alone would
        # leave fragments, which the pile pass at the end of the add joins, as ingest does.
        story, _ = crosscheck.read([STORY + "/"])
        with crosscheck.Store(os.path.join(self.dir, "one.db"), writable=True) as store:
            store.add(iter(story))
            self.assertEqual([s["articles"] for s in store.stories()], [6])
        with crosscheck.Store(self.db) as a, crosscheck.Store(other) as b:
            self.assertEqual(len(a.stories()), len(b.stories()))
            self.assertEqual([s["articles"] for s in a.stories()], [s["articles"] for s in b.stories()])

    def test_prepared_articles_make_the_store_of_an_ingest(self):
        # What a worker sends (crosscheck.prepare) and the driver stores, reading nothing again.
        inputs = [STORY + "/", STREAM + "/"]
        with crosscheck.Store(self.db, writable=True) as store:
            want = store.ingest(inputs, threads=1)
        before = crosscheck._crosscheck.articles_prepared()
        prepared, problems = crosscheck.prepare(inputs)
        self.assertEqual(crosscheck._crosscheck.articles_prepared(), before + len(prepared))
        self.assertEqual(problems, want["problems"])
        self.assertTrue(all(isinstance(p, bytes) for p in prepared))
        self.assertEqual(len(prepared), want["read"])
        sent = os.path.join(self.dir, "sent.db")
        with crosscheck.Store(sent, writable=True) as store:
            # A byte cut off one article: that article is a problem of its own, the rest are stored.
            got = store.add_prepared(iter(prepared[:3] + [prepared[3][:-1]] + prepared[3:]))
        self.assertEqual(crosscheck._crosscheck.articles_prepared(), before + len(prepared))
        self.assertEqual(len(got["problems"]), 1)
        self.assertRegex(got["problems"][0], r"^prepared article 4: data loss: not a prepared article")
        for key in ("read", "stored", "copies", "stories_created"):
            self.assertEqual(got[key], want[key], key)

        def stories(db):
            with crosscheck.Store(db) as store:
                return [(s["articles"], s["headline"], s["outlets"]) for s in store.stories()]
        self.assertEqual(stories(sent), stories(self.db))

    def test_prepared_dicts_make_the_store_of_added_dicts(self):
        articles = [dict(REPORT), {"id": "bad", "title": "no text"}, dict(REPORT, id="w2", url="https://example.org/2")]
        with crosscheck.Store(self.db, writable=True) as store:
            want = store.add(articles)
        prepared, problems = crosscheck.prepare_articles(articles)
        self.assertEqual(len(prepared), 2)
        self.assertEqual(problems, want["problems"])
        self.assertIn("record 2: invalid input", problems[0])
        other = os.path.join(self.dir, "other.db")
        with crosscheck.Store(other, writable=True) as store:
            got = store.add_prepared(prepared)
        for key in ("read", "stored", "same_text", "stories_created"):
            self.assertEqual(got[key], want[key], key)

    def test_a_missing_store_is_the_cli_error(self):
        missing = os.path.join(self.dir, "missing.db")
        code, _, err = cli("stories", "--db", missing)
        with self.assertRaises(crosscheck.Error) as raised:
            crosscheck.Store(missing)
        self.assertEqual("crosscheck: " + str(raised.exception), err.splitlines()[0])


class ThreadsTest(unittest.TestCase):
    def test_the_gil_is_released_while_crosscheck_works(self):
        # Long calls on one thread for a second while this thread counts. With the GIL
        # held, this thread could run no Python while a call is inside crosscheck;
        # released, it runs whenever the machine gives it a core. Counting steps
        # inside calls (not timing gaps) keeps the test sound on a loaded machine.
        big = dict(REPORT, text=" ".join([REPORT["text"]] * 2000))
        crosscheck.annotate(REPORT)  # word lists loaded before the calls
        done = threading.Event()
        calls = []

        def work():
            until = time.monotonic() + 1.0
            while time.monotonic() < until:
                start = time.monotonic()
                crosscheck.annotate(big)
                calls.append((start, time.monotonic()))
            done.set()

        worker = threading.Thread(target=work)
        stamps = []
        worker.start()
        while not done.is_set():
            stamps.append(time.monotonic())
        worker.join()
        # Steps well inside a call: 10 ms from each end, past the Python around it.
        inside = sum(1 for t in stamps for start, end in calls if start + 0.01 < t < end - 0.01)
        self.assertGreater(min(end - start for start, end in calls), 0.05, "the calls are too short to tell")
        self.assertGreater(inside, 100, "this thread ran %d steps inside %d calls" % (inside, len(calls)))

    def test_threads_get_what_one_thread_gets(self):
        articles, _ = crosscheck.read([STORY + "/", STREAM + "/"])
        want = [crosscheck.annotate(a) for a in articles]
        got = [None] * len(articles)

        def work(k):
            for i in range(k, len(articles), 4):
                got[i] = crosscheck.annotate(articles[i])

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(got, want)


if __name__ == "__main__":
    unittest.main()

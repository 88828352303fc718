"""crosscheck in Python: many news reports in, one cross-checked brief out.

    import crosscheck
    article = crosscheck.extract({"id": "a1", "text": report_text, "published": "2025-03-11"})
    annotated = crosscheck.annotate(article)          # entities, quotations, dates
    brief = crosscheck.brief([record_1, record_2, record_3])
    with crosscheck.Store("news.db", writable=True) as store:
        store.ingest(["feed.jsonl", "pages/"])
        top = store.stories(limit=1)[0]
        print(store.brief(top["story"], format="markdown"))

An article goes in as a dict with the fields of a JSONL input line (``text`` or
``html``, and ``id``, ``url``, ``title``, ``outlet``, ``published``, ``authors``),
as a dict that ``extract`` returned (annotated as it is, not extracted again),
or as ``str`` / ``bytes`` of one article (plain text, HTML or newswire SGML).
Results are dicts in the shapes of the CLI's JSON (docs/python.md, BRIEF-FORMAT.md).
Errors raise :class:`crosscheck.Error` with the message the CLI prints; what is
read in part (a ``published`` that is no date, left out) gives a
:class:`CrosscheckWarning` with its message. The GIL is
released while crosscheck works, so threads run calls side by side.
"""

import json
import warnings

from ._crosscheck import Error, ReadFlags, __version__, _Store
from . import _crosscheck


class CrosscheckWarning(UserWarning):
    """Something read in part or repaired, with the message the CLI prints."""

__all__ = ["CrosscheckWarning", "Error", "Store", "annotate", "brief", "extract", "jaccard", "prepare",
           "prepare_articles", "read", "signature", "__version__"]


def _flags(tokens=False, annotate=False, published=None, glue_repair=True):
    flags = ReadFlags()
    flags.tokens = tokens
    flags.annotate = annotate
    flags.published = published
    flags.glue_repair = glue_repair
    return flags


def _warn(result):
    """The result of a call, its problems (nothing lost: a bad date left out) as warnings."""
    value, problems = result[0], result[-1]
    for problem in problems:
        warnings.warn(problem, CrosscheckWarning, stacklevel=3)
    return value if len(result) == 2 else result[:-1]


def _record(article):
    """The JSON text of one record, as a JSONL line holds it."""
    if isinstance(article, str):
        article = {"text": article}
    if not isinstance(article, dict):
        raise TypeError("an article is a dict, str or bytes, not %s" % type(article).__name__)
    return json.dumps(article, ensure_ascii=False)


def extract(article, *, path="<python>", tokens=False, annotate=False, published=None, glue_repair=True):
    """One article, cleaned and segmented: the dict ``crosscheck extract`` prints.

    ``bytes`` are read as a file's content is (any encoding extract repairs; ``path``
    names it in messages); ``str`` and dicts as a JSONL record. ``published``
    (YYYY-MM-DD) dates an article that has no date of its own.
    """
    flags = _flags(tokens, annotate, published, glue_repair)
    if isinstance(article, bytes):
        return json.loads(_crosscheck.extract_bytes(article, path, flags))
    return json.loads(_warn(_crosscheck.run_record(_record(article), path, "A1", flags)))


def annotate(article, *, path="<python>", tokens=False, published=None, glue_repair=True):
    """``extract`` with ``"annotations"``: entities, quotations with speakers, dates.

    A dict that ``extract`` returned keeps its fields and gets the annotations, as
    ``crosscheck annotate`` does with a line of ``extract``'s output.
    """
    return extract(article, path=path, tokens=tokens, annotate=True, published=published, glue_repair=glue_repair)


def read(paths, *, tokens=False, annotate=False, published=None, glue_repair=True):
    """Every article of files, folders and archives, as ``crosscheck extract PATH...``.

    Returns ``(articles, problems)``: the article dicts in input order, and the
    message of each input, line or record that could not be read.
    """
    if isinstance(paths, str):
        paths = [paths]
    records, problems = _crosscheck.read_paths(list(paths), True, _flags(tokens, annotate, published, glue_repair))
    return [json.loads(r) for r in records], problems


def prepare(paths, *, glue_repair=True):
    """The articles of files, folders and archives prepared for a store, as bytes.

    Everything ``crosscheck ingest`` works out about each article alone (its
    extraction, entities, shingles and MinHash signature), done here, for
    :meth:`Store.add_prepared` to store elsewhere (crosscheck.dask runs it on
    workers). Returns ``(prepared, problems)``: one ``bytes`` per article in input
    order (the format ``crosscheck.prepared/1``, docs/distributed.md: its text, its
    metadata, and 8 bytes per word of shingles), and the message of each input that could not be read.
    """
    if isinstance(paths, str):
        paths = [paths]
    return _crosscheck.prepare_paths(list(paths), _flags(glue_repair=glue_repair))


def prepare_articles(articles, *, glue_repair=True):
    """Articles (dicts or texts, as :meth:`Store.add` takes them) prepared for a store, as bytes.

    As :func:`prepare`, for records a worker already holds (a Kafka consumer's, say).
    Returns ``(prepared, problems)``; an article that cannot be read is left out and
    its message is among the problems, as :meth:`Store.add` reports it.
    """
    flags = _flags(glue_repair=glue_repair)
    prepared, problems = [], []
    for n, article in enumerate(articles, 1):
        where = "record %d" % n
        try:
            one, warned = _crosscheck.prepare_record(_record(article), where, flags)
        except Error as e:
            problems.append(str(e))
            continue
        prepared.append(one)
        problems += warned
    return prepared, problems


def brief(articles, *, words=150, format="json", published=None, glue_repair=True):
    """The cross-checked brief of one story's articles.

    ``format="json"`` returns the ``crosscheck.brief/1`` dict; ``"markdown"`` and
    ``"html"`` return text. An article that cannot be read raises Error.
    """
    records = [_record(a) for a in articles]
    text = _warn(_crosscheck.brief_records(records, words, format, _flags(published=published,
                                                                             glue_repair=glue_repair)))
    return json.loads(text) if format == "json" else text


def signature(article, *, glue_repair=True):
    """The MinHash signature of an article's 5-word shingles, as the store keeps it.

    Returns ``(signature, shingles)``: 128 32-bit values as 512 bytes, and the size
    of the shingle set they stand for. Compare two with :func:`jaccard`.
    """
    return _warn(_crosscheck.sign_record(_record(article), _flags(glue_repair=glue_repair)))


def jaccard(a, b):
    """The Jaccard similarity of two articles' shingle sets, estimated from their signatures."""
    return _crosscheck.estimate_jaccard(a, b)


class Store:
    """A crosscheck store (the SQLite file of ``crosscheck ingest --db``).

    Read-only by default; ``writable=True`` creates it when missing and holds the
    writer's lock until :meth:`close` (or the end of a ``with`` block).
    """

    def __init__(self, path, *, writable=False):
        self._store = _Store(str(path), writable)

    def close(self):
        self._store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def ingest(self, paths, *, threads=0):
        """Reads files, folders and archives into the store, as ``crosscheck ingest``.

        Returns the counts (read, stored, copies, stories_created, ...) and the
        problems reported, under ``"problems"``.
        """
        if isinstance(paths, str):
            paths = [paths]
        return self._store.ingest(list(paths), threads)

    def add(self, articles, *, glue_repair=True):
        """Stores articles (dicts or texts, from any iterable, read as it goes) in their order.

        One call is one ingest of those articles: the stories come out as
        :meth:`ingest` of the same articles would make them. Returns the counts;
        records that could not be read are skipped and listed under ``"problems"``.
        """
        return self._store.add((_record(a) for a in articles), glue_repair)

    def add_prepared(self, prepared):
        """Stores prepared articles (bytes from :func:`prepare`, from any iterable) in their order.

        As :meth:`add`, without reading or analyzing any article again: the store
        comes out as one :meth:`ingest` of the same inputs makes it. Bytes that are
        not a prepared article are skipped and listed under ``"problems"``.
        """
        return self._store.add_prepared(prepared)

    def stories(self, *, limit=0, min_articles=1, since=None, until=None, outlet=None):
        """The stories, largest first: story, headline, articles, independent, outlets, dates."""
        return self._store.stories(limit, min_articles, since, until, outlet)

    def search(self, text, *, limit=20, story=None, since=None, until=None, outlet=None):
        """Full-text search (BM25): article, story, score, snippet, title, outlet, published, path."""
        return self._store.search(text, limit, story, since, until, outlet)

    def article_count(self):
        return self._store.article_count()

    def brief(self, story, *, words=150, format="json"):
        """The brief of one stored story (a merged story's id stands for the story it joined)."""
        text = self._store.brief(story, words, format)
        return json.loads(text) if format == "json" else text

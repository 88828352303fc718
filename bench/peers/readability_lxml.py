"""Times python3-readability (readability-lxml, from Debian) on the article
extraction benchmark's pages: prints pages per second, best of three runs.

    /usr/bin/python3 bench/peers/readability_lxml.py ../shared/data/article_extraction_benchmark
"""
import gzip
import pathlib
import sys
import time

from readability import Document


def main():
    root = pathlib.Path(sys.argv[1])
    pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
             for p in sorted((root / "html").glob("*.html.gz"))]
    best = None
    for _ in range(3):
        start = time.perf_counter()
        for html in pages:
            try:
                Document(html).summary()
            except Exception:  # a page it cannot read still costs its time
                pass
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    print(f"python3-readability {len(pages)} pages in {best:.3f} s = {len(pages) / best:.0f} pages/s")


if __name__ == "__main__":
    main()

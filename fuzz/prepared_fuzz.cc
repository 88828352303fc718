// libFuzzer target for PreparedArticleFromBytes, the reader of what Dask workers
// send the driver: any bytes give an article or a Status, never a crash, and an
// article read back is written again to the same bytes' meaning (it reads back
// equal). Seeds in fuzz/corpus/prepared_fuzz are three example articles (a text,
// an HTML page, a JSONL record) as crosscheck.prepare gives them in Python.
//
//   build-fuzz/fuzz/prepared_fuzz -max_total_time=60 fuzz/corpus/prepared_fuzz
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crosscheck/corpus.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  crosscheck::Result<crosscheck::PreparedArticle> p = crosscheck::PreparedArticleFromBytes(input);
  if (!p.ok()) return 0;
  crosscheck::Result<crosscheck::PreparedArticle> again =
      crosscheck::PreparedArticleFromBytes(crosscheck::PreparedArticleToBytes(*p));
  if (!again.ok() || again->shingles != p->shingles || again->terms != p->terms ||
      again->article.text != p->article.text)
    std::abort();
  return 0;
}

// main() of every benchmark driver: the allocator tuned as the CLI tunes it, so
// that figures are those of the tool.
#include <benchmark/benchmark.h>

#include "base/allocator_tuning.h"

int main(int argc, char** argv) {
  crosscheck::TuneAllocatorForBatches();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

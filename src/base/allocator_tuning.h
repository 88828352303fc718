// Process-wide allocator settings for programs that extract many articles in a
// row (the CLI and the benchmarks call this once from main; the library never
// does, it has no global state).
//
// glibc gives freed memory at the top of the heap back to the kernel as soon as
// 128 KB of it are free, and the next article then faults the same pages in
// again: measured at half of extraction time on a corpus of small articles. Keeping
// up to 64 MB of free heap costs that much address space at most and removes it.
#ifndef CROSSCHECK_BASE_ALLOCATOR_TUNING_H_
#define CROSSCHECK_BASE_ALLOCATOR_TUNING_H_

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace crosscheck {

inline void TuneAllocatorForBatches() {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 4 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

}  // namespace crosscheck

#endif  // CROSSCHECK_BASE_ALLOCATOR_TUNING_H_

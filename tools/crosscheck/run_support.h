// Running the crosscheck binary from tests as a user would, with bounds: a
// process with its own stdout and stderr files, an address-space limit, and a
// time limit after which it is killed (a hang is a failure, not a stuck test).
#ifndef CROSSCHECK_TOOLS_RUN_SUPPORT_H_
#define CROSSCHECK_TOOLS_RUN_SUPPORT_H_

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace crosscheck::testing_support {

// Sanitizers reserve terabytes of address space: no address-space limit there.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSpaceLimits = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
constexpr bool kAddressSpaceLimits = false;
#else
constexpr bool kAddressSpaceLimits = true;
#endif
#else
constexpr bool kAddressSpaceLimits = true;
#endif

struct Bounds {
  double seconds = 30;                   // killed with SIGKILL after this long
  uint64_t address_space = 0;            // bytes; 0 = no limit
  std::string stdin_path = "/dev/null";  // what the process reads as stdin
  std::string stdout_path;               // empty = a temporary file, read back into out
};

struct ProcessRun {
  int exit_code = -1;   // when it exited
  int signal = 0;       // when a signal ended it
  bool timed_out = false;
  double seconds = 0;
  std::string out, err;
};

inline std::string SlurpFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts `binary` with `args`. The child gets the bounds; `on_started`, when
// given, runs in the parent while the child runs (to kill it at a chosen moment).
// Numbers the folders of runs: one counter for every instance of RunBounded, so
// that runs started inside another's `on_started` get folders of their own.
inline int next_run = 0;

template <typename OnStarted>
ProcessRun RunBounded(const std::string& binary, const std::vector<std::string>& args, const Bounds& bounds,
               OnStarted on_started) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() /
                       ("crosscheck_run_" + std::to_string(::getpid()) + "_" + std::to_string(next_run++));
  fs::create_directories(dir);
  const std::string out_path = bounds.stdout_path.empty() ? (dir / "out").string() : bounds.stdout_path;
  const std::string err_path = (dir / "err").string();
  std::vector<std::string> argv_store = {binary};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);

  const auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    int in = ::open(bounds.stdin_path.c_str(), O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (bounds.address_space > 0 && kAddressSpaceLimits) {
      struct rlimit limit {bounds.address_space, bounds.address_space};
      ::setrlimit(RLIMIT_AS, &limit);
    }
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ProcessRun run;
  on_started(pid);
  int status = 0;
  while (true) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (run.seconds > bounds.seconds) {
      run.timed_out = true;
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  if (bounds.stdout_path.empty()) run.out = SlurpFile(out_path);
  run.err = SlurpFile(err_path);
  fs::remove_all(dir);
  return run;
}

inline ProcessRun RunBounded(const std::string& binary, const std::vector<std::string>& args, const Bounds& bounds = {}) {
  return RunBounded(binary, args, bounds, [](pid_t) {});
}

}  // namespace crosscheck::testing_support

#endif  // CROSSCHECK_TOOLS_RUN_SUPPORT_H_

#include "output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <streambuf>
#include <vector>

namespace crosscheck::cli {
namespace {

// A stream buffer over a file descriptor that remembers the first write error.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd), buffer_(1 << 16) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }
  bool Drain() { return Flush() == 0; }

 protected:
  int_type overflow(int_type c) override {
    if (Flush() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return Flush(); }

 private:
  int Flush() {
    if (error_ != 0) return -1;
    const char* p = pbase();
    while (p < pptr()) {
      ssize_t n = ::write(fd_, p, static_cast<size_t>(pptr() - p));
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return -1;
      }
      p += n;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return 0;
  }

  int fd_;
  int error_ = 0;
  std::vector<char> buffer_;
};

}  // namespace

namespace {

// The temporary file being written, removed if the process is interrupted
// (SIGINT, SIGTERM, SIGHUP) before Close(): unlink() is safe in a handler.
char g_temporary[4096] = {0};

void RemoveTemporaryAndDie(int signal_number) {
  if (g_temporary[0] != 0) ::unlink(g_temporary);
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

void Guard(const std::string& temporary) {
  if (temporary.size() >= sizeof g_temporary) return;
  std::memcpy(g_temporary, temporary.c_str(), temporary.size() + 1);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) ::signal(s, RemoveTemporaryAndDie);
}

void Unguard() {
  for (int s : {SIGINT, SIGTERM, SIGHUP}) ::signal(s, SIG_DFL);
  g_temporary[0] = 0;
}

}  // namespace

struct Output::Impl {
  std::string name;       // for messages: the path, or "standard output"
  std::string path;       // empty for stdout
  std::string temporary;  // written, then renamed to `path`; empty when writing in place
  int fd = -1;
  FdBuffer buffer;
  std::ostream stream;
  bool closed = false;

  Impl(std::string name_, std::string path_, std::string temporary_, int fd_)
      : name(std::move(name_)), path(std::move(path_)), temporary(std::move(temporary_)), fd(fd_), buffer(fd_),
        stream(&buffer) {}

  Status Failure(int err) const {
    return Status(StatusCode::kDataLoss, "cannot write " + name + ": " + std::strerror(err));
  }
};

Output::Output(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Output::~Output() {
  if (impl_->closed) return;
  if (!impl_->path.empty()) ::close(impl_->fd);
  if (!impl_->temporary.empty()) {
    ::unlink(impl_->temporary.c_str());
    Unguard();
  }
}

std::ostream& Output::stream() { return impl_->stream; }

Result<std::unique_ptr<Output>> Output::Open(const std::string& path) {
  if (path.empty() || path == "-") {
    return std::unique_ptr<Output>(new Output(std::make_unique<Impl>("standard output", "", "", STDOUT_FILENO)));
  }
  // The file a symlink names is the one replaced, beside itself. Devices, FIFOs,
  // and whatever /dev and /proc name (/dev/stdout is the caller's stdout, maybe
  // a file of theirs) are written in place: renaming over them would replace them.
  std::string target = path;
  if (char* real = ::realpath(path.c_str(), nullptr)) {
    target = real;
    std::free(real);
  }
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return Status(StatusCode::kInvalidInput, "cannot write " + path + ": is a folder");
  const bool special = path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0 ||
                       target.rfind("/dev/", 0) == 0 || target.rfind("/proc/", 0) == 0;
  if ((exists && !S_ISREG(st.st_mode)) || special) return OpenInPlace(path, target);
  const size_t slash = target.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : target.substr(0, slash + 1);
  // A short name, so that a file name near the system's limit still has room.
  std::string temporary = dir + ".crosscheck-XXXXXX";
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    // A writable file in a folder that is not: it can only be written in place.
    if (exists && (errno == EACCES || errno == EROFS || errno == EPERM)) return OpenInPlace(path, target);
    return Status(StatusCode::kDataLoss, "cannot write " + path + ": " + std::strerror(errno));
  }
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  // mkstemp makes the file private: an existing file keeps its mode, a new one
  // gets the mode a new file would.
  mode_t mode = exists ? (st.st_mode & 07777) : 0;
  if (!exists) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  ::fchmod(fd, mode);
  Guard(temporary);
  return std::unique_ptr<Output>(new Output(std::make_unique<Impl>(path, target, temporary, fd)));
}

Result<std::unique_ptr<Output>> Output::OpenInPlace(const std::string& path, const std::string& target) {
  int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return Status(StatusCode::kDataLoss, "cannot write " + path + ": " + std::strerror(errno));
  return std::unique_ptr<Output>(new Output(std::make_unique<Impl>(path, target, "", fd)));
}

Status Output::Close() {
  Impl& o = *impl_;
  if (o.closed) return Status::Ok();
  o.closed = true;
  o.stream.flush();
  int err = o.buffer.Drain() ? 0 : o.buffer.error();
  if (o.path.empty()) {
    // Standard output stays open; a write error has been seen by now.
    return err == 0 ? Status::Ok() : o.Failure(err);
  }
  if (err == 0 && !o.temporary.empty() && ::fsync(o.fd) != 0 && errno != EINVAL) err = errno;
  if (::close(o.fd) != 0 && err == 0) err = errno;
  if (!o.temporary.empty()) {
    if (err == 0 && ::rename(o.temporary.c_str(), o.path.c_str()) != 0) err = errno;
    if (err != 0) ::unlink(o.temporary.c_str());
    Unguard();
  }
  return err == 0 ? Status::Ok() : o.Failure(err);
}

}  // namespace crosscheck::cli

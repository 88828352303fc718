#include "output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
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
  if (!impl_->temporary.empty()) ::unlink(impl_->temporary.c_str());
}

std::ostream& Output::stream() { return impl_->stream; }

Result<std::unique_ptr<Output>> Output::Open(const std::string& path) {
  if (path.empty() || path == "-") {
    return std::unique_ptr<Output>(new Output(std::make_unique<Impl>("standard output", "", "", STDOUT_FILENO)));
  }
  // Devices, FIFOs and other files that are not regular (/dev/stdout, a named
  // pipe) are written in place: renaming over them would replace them.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) return Status(StatusCode::kInvalidInput, "cannot write " + path + ": is a folder");
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return Status(StatusCode::kDataLoss, "cannot write " + path + ": " + std::strerror(errno));
    return std::unique_ptr<Output>(new Output(std::make_unique<Impl>(path, path, "", fd)));
  }
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string temporary = dir + "." + base + ".tmp.XXXXXX";
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) return Status(StatusCode::kDataLoss, "cannot write " + path + ": " + std::strerror(errno));
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  // mkstemp makes the file private; the output gets the mode a new file would.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  return std::unique_ptr<Output>(new Output(std::make_unique<Impl>(path, path, temporary, fd)));
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
  }
  return err == 0 ? Status::Ok() : o.Failure(err);
}

}  // namespace crosscheck::cli

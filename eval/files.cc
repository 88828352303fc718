#include "eval/files.h"

#include <fstream>
#include <sstream>

namespace crosscheck::eval {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace crosscheck::eval

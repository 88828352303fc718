// SHA-256 against the standard's examples and against coreutils' sha256sum; Base64
// against RFC 4648's examples.
#include "base/sha256.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace crosscheck {
namespace {

std::string Hex(const std::array<uint8_t, 32>& digest) {
  std::string out;
  char buf[3];
  for (uint8_t b : digest) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

TEST(Sha256, StandardExamples) {
  EXPECT_EQ(Hex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding needs a second block.
  EXPECT_EQ(Hex(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Hex(Sha256(std::string(1000000, 'a'))), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Every length around the block and padding boundaries, against sha256sum.
TEST(Sha256, AgreesWithSha256sumAtEveryBoundary) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("crosscheck_sha_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string data;
  for (size_t n = 0; n <= 130; ++n) {
    std::ofstream(dir / "in", std::ios::binary) << data;
    const std::string cmd = "sha256sum < '" + (dir / "in").string() + "' > '" + (dir / "out").string() + "'";
    if (std::system(cmd.c_str()) != 0) {
      fs::remove_all(dir);
      GTEST_SKIP() << "sha256sum is not available";
    }
    std::ifstream in(dir / "out");
    std::string expected;
    in >> expected;
    EXPECT_EQ(Hex(Sha256(data)), expected) << "length " << n;
    data += static_cast<char>('!' + (n * 37) % 90);
  }
  fs::remove_all(dir);
}

TEST(Base64, Rfc4648Examples) {
  const std::pair<std::string, std::string> cases[] = {{"", ""},
                                                       {"f", "Zg=="},
                                                       {"fo", "Zm8="},
                                                       {"foo", "Zm9v"},
                                                       {"foob", "Zm9vYg=="},
                                                       {"fooba", "Zm9vYmE="},
                                                       {"foobar", "Zm9vYmFy"},
                                                       {"\xff\xfe", "//4="}};
  for (const auto& [in, out] : cases) EXPECT_EQ(Base64(in), out) << in;
}

}  // namespace
}  // namespace crosscheck
